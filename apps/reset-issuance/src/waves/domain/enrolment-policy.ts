import { Segments, type Segment } from '@rekey/contracts';
import { WaveEnrolmentPolicyInvalid } from './wave.errors';

/** The assurance levels a wave may require a segment to finish on (NIST SP 800-63B). */
export type MinimumAssurance = 'aal1' | 'aal2';

/** What an operator may set when planning a wave; whatever is left out takes the defaults below. */
export interface WaveEnrolmentPolicy {
  minimumAssurance?: Partial<Record<Segment, MinimumAssurance>>;
  passwordBridgeEndsAt?: Date;
}

/** What one account's grant carries: its minimum level and the end of its bridging password. */
export interface ResolvedEnrolmentPolicy {
  minimumAssurance: MinimumAssurance;
  passwordBridgeEndsAt: Date;
}

/**
 * Defaults, for a wave planned without a policy or one that leaves a segment out: privileged and
 * delegated accounts act for others or with wide rights, so a password alone (AAL1) must not be
 * where they finish; every other segment may finish on AAL1. A bridging password lasts 90 days
 * after the wave's cutoff: long enough to add a passkey or TOTP at a later sign-in, short enough
 * that a password-only account does not become the new normal.
 */
export const DEFAULT_MINIMUM_ASSURANCE: Readonly<Record<Segment, MinimumAssurance>> = Object.fromEntries(
  Segments.map((segment) => [segment, segment === 'privileged' || segment === 'delegated' ? 'aal2' : 'aal1']),
) as Record<Segment, MinimumAssurance>;
export const DEFAULT_PASSWORD_BRIDGE_DAYS = 90;

const rank: Record<MinimumAssurance, number> = { aal1: 1, aal2: 2 };

/** A policy must name known segments and levels, and end the bridge after the wave's cutoff. */
export function validateEnrolmentPolicy(policy: WaveEnrolmentPolicy, cutoffAt: Date): WaveEnrolmentPolicy {
  for (const [segment, level] of Object.entries(policy.minimumAssurance ?? {})) {
    if (!(Segments as readonly string[]).includes(segment)) {
      throw new WaveEnrolmentPolicyInvalid(`enrolmentPolicy.minimumAssurance.${segment}`, 'unknown segment');
    }
    if (level !== 'aal1' && level !== 'aal2') {
      throw new WaveEnrolmentPolicyInvalid(
        `enrolmentPolicy.minimumAssurance.${segment}`,
        'must be aal1 or aal2',
      );
    }
  }
  const bridgeEnd = policy.passwordBridgeEndsAt;
  if (bridgeEnd && !(bridgeEnd.getTime() > cutoffAt.getTime())) {
    // Before the cutoff, a customer bridging with a password could be locked out while the
    // wave still tells them the old login works.
    throw new WaveEnrolmentPolicyInvalid('enrolmentPolicy.passwordBridgeEndsAt', 'must be after cutoffAt');
  }
  return policy;
}

/** The account as resolution sees it: its primary segment and every segment it is in. */
export interface PolicyAccount {
  segment: string;
  segments: readonly string[];
}

/** What resolution needs at hand-off: the journey's wave (policy and cutoff) and its account. */
export interface EnrolmentContext {
  wave: { policy?: WaveEnrolmentPolicy | undefined; cutoffAt: Date };
  account: PolicyAccount;
}

/**
 * The policy one account's grant carries: the highest level any of its segments requires (an
 * account both standard and privileged finishes on AAL2), and the wave's bridge end or the default.
 * A segment this version does not know (never stored: eligibility validates against the contract)
 * falls back to AAL1, as `standard` does.
 */
export function resolveEnrolmentPolicy(
  wave: { policy?: WaveEnrolmentPolicy | undefined; cutoffAt: Date },
  account: PolicyAccount,
): ResolvedEnrolmentPolicy {
  const levels = [account.segment, ...account.segments].map((segment) => levelFor(wave.policy, segment));
  const minimumAssurance = levels.reduce<MinimumAssurance>(
    (highest, level) => (rank[level] > rank[highest] ? level : highest),
    'aal1',
  );
  const passwordBridgeEndsAt =
    wave.policy?.passwordBridgeEndsAt ??
    new Date(wave.cutoffAt.getTime() + DEFAULT_PASSWORD_BRIDGE_DAYS * 86_400_000);
  return { minimumAssurance, passwordBridgeEndsAt };
}

function levelFor(policy: WaveEnrolmentPolicy | undefined, segment: string): MinimumAssurance {
  const set = policy?.minimumAssurance?.[segment as Segment];
  return set ?? DEFAULT_MINIMUM_ASSURANCE[segment as Segment] ?? 'aal1';
}
