export const SIGN_IN_LOCK_STORE = Symbol('SignInLockStore');

/** Who lifted a lockout, and when. */
export interface SignInLockRelease {
  legacyAccountId: string;
  /** The operator token's subject. */
  releasedBy: string;
  releasedAt: Date;
}

/** The lockout as support sees it: released only when it holds. */
export interface SignInLockStore {
  /**
   * Resets the account's consecutive failures and records the release, in one transaction, when
   * they reached `threshold`; false, with nothing changed, when they did not.
   */
  release(release: SignInLockRelease, threshold: number): Promise<boolean>;
}
