/**
 * NIST SP 800-63B §5.2.2: at most 100 consecutive failed attempts on one account. After that
 * the account's password and TOTP sign-in stay locked until a passkey sign-in (which an online
 * guesser cannot make) or support resets the count.
 */
export const MAX_CONSECUTIVE_FAILURES = 100;

export type AssuranceLevel = 'aal1' | 'aal2';
export type SignInMethod = 'passkey' | 'password' | 'totp' | 'recovery_code';

/** What a password sign-in knows of the account it names. */
export interface PasswordAccount {
  legacyAccountId: string;
  targetAccountId: string;
  /** Undefined when the account has no password (a passkey-only account). */
  passwordHash?: string;
  bridgeEndsAt?: Date;
  /** The account has a confirmed authenticator-app factor: a password alone never signs in. */
  hasTotp: boolean;
  consecutiveFailures: number;
}

export type PresentedFactor = 'absent' | 'accepted' | 'refused';

export interface PresentedFactors {
  passwordMatches: boolean;
  /** `absent` when no code was typed. */
  totp: PresentedFactor;
  /** A recovery code, which stands in for the second factor (or the bridge after its end). */
  recoveryCode?: PresentedFactor;
}

export type PasswordSignInOutcome =
  | { kind: 'signed_in'; assuranceLevel: AssuranceLevel; methods: SignInMethod[] }
  /** Wrong password, wrong or missing code, or a locked account: one neutral answer. */
  | { kind: 'refused'; countsAsFailure: boolean }
  /** The right password alone, after the bridge end: it no longer signs in. */
  | { kind: 'bridge_ended' };

export function isLockedOut(consecutiveFailures: number): boolean {
  return consecutiveFailures >= MAX_CONSECUTIVE_FAILURES;
}

/** Whether a bridging password alone still signs in at `now`. */
export function isBridgeOpen(account: Pick<PasswordAccount, 'bridgeEndsAt'>, now: Date): boolean {
  return account.bridgeEndsAt !== undefined && now < account.bridgeEndsAt;
}

/**
 * The rules of a password sign-in, given what the presented factors proved: a locked account
 * refuses everything (without counting more); with a TOTP factor both must be right (AAL2);
 * without one, the password alone signs in at AAL1 only until the bridge ends.
 */
export function judgePasswordSignIn(
  account: PasswordAccount,
  presented: PresentedFactors,
  now: Date,
): PasswordSignInOutcome {
  if (isLockedOut(account.consecutiveFailures)) return { kind: 'refused', countsAsFailure: false };
  const recoveryCode = presented.recoveryCode ?? 'absent';
  if (recoveryCode !== 'absent') return judgeRecoveryCode(account, presented, recoveryCode);
  if (!account.passwordHash || !presented.passwordMatches) return { kind: 'refused', countsAsFailure: true };
  if (account.hasTotp) {
    return presented.totp === 'accepted'
      ? { kind: 'signed_in', assuranceLevel: 'aal2', methods: ['password', 'totp'] }
      : { kind: 'refused', countsAsFailure: true };
  }
  // A code typed for an account without a TOTP factor proves nothing: refuse like a wrong code.
  if (presented.totp !== 'absent') return { kind: 'refused', countsAsFailure: true };
  if (!isBridgeOpen(account, now)) return { kind: 'bridge_ended' };
  return { kind: 'signed_in', assuranceLevel: 'aal1', methods: ['password'] };
}

/**
 * A recovery code (single use) replaces the second factor: with the account's password it signs
 * in at AAL2, even after the bridge end (that is what it is for); an account without a password
 * (passkey only) signs in with the code alone, at AAL1, to reach the page where it adds a passkey.
 */
function judgeRecoveryCode(
  account: PasswordAccount,
  presented: PresentedFactors,
  recoveryCode: PresentedFactor,
): PasswordSignInOutcome {
  if (recoveryCode !== 'accepted') return { kind: 'refused', countsAsFailure: true };
  if (!account.passwordHash) {
    return { kind: 'signed_in', assuranceLevel: 'aal1', methods: ['recovery_code'] };
  }
  return presented.passwordMatches
    ? { kind: 'signed_in', assuranceLevel: 'aal2', methods: ['password', 'recovery_code'] }
    : { kind: 'refused', countsAsFailure: true };
}
