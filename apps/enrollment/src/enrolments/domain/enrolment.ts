import type { AssuranceLevel } from '@rekey/contracts';

/**
 * One journey's enrolment, from the grant that opened it to the proven credential that ends it.
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> started: grant exchanged
 *   started --> credential_registered: passkey registered (not yet proven)
 *   credential_registered --> enrolled: signed in once with it
 *   started --> enrolled: TOTP and password, or a bridging password, set and checked
 * ```
 */
export type EnrolmentStatus = 'started' | 'credential_registered' | 'enrolled';

export interface Enrolment {
  journeyId: string;
  legacyAccountId: string;
  targetAccountId: string;
  waveId: string;
  status: EnrolmentStatus;
  minimumAssurance: AssuranceLevel;
  /** After this, a bridging password alone no longer signs in (the wave's policy). */
  passwordBridgeEndsAt: Date;
  startedAt: Date;
  /**
   * The W3C trace context of the journey (the redemption's request, from the grant): each later
   * customer request does the journey's work in a child span of it. Absent when no grant had one.
   */
  journeyTraceparent?: string;
}

export type EnrolledMethod = 'passkey' | 'totp' | 'password' | 'recovery_codes';

export interface ReachedAssurance {
  level: AssuranceLevel;
  phishingResistant: boolean;
}

const rank: Record<AssuranceLevel, number> = { aal1: 1, aal2: 2, aal3: 3 };

/**
 * NIST SP 800-63B levels: a passkey (a user-verifying, origin-bound authenticator) is AAL2 and
 * phishing-resistant; a password with TOTP is AAL2; a password alone AAL1. Recovery codes are a
 * way back in, not a factor that raises the level.
 */
export function assuranceOf(methods: readonly EnrolledMethod[]): ReachedAssurance | undefined {
  if (methods.includes('passkey')) return { level: 'aal2', phishingResistant: true };
  if (methods.includes('password') && methods.includes('totp'))
    return { level: 'aal2', phishingResistant: false };
  if (methods.includes('password')) return { level: 'aal1', phishingResistant: false };
  return undefined;
}

export function meetsMinimum(reached: AssuranceLevel, minimum: AssuranceLevel): boolean {
  return rank[reached] >= rank[minimum];
}

export function isFinished(enrolment: Pick<Enrolment, 'status'>): boolean {
  return enrolment.status === 'enrolled';
}
