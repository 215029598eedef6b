export const SIGN_IN_LOCK_STORE = Symbol('SignInLockStore');

import type { SignInLockRelease } from './domain/sign-in-lock-released';

export type { SignInLockRelease };

/** The lockout as support sees it: released only when it holds. */
export interface SignInLockStore {
  /**
   * Resets the account's consecutive failures, records the release and publishes
   * `sign-in-lock-released.v1` (through the outbox), in one transaction, when they reached
   * `threshold`; false, with nothing changed, when they did not.
   */
  release(release: SignInLockRelease, threshold: number): Promise<boolean>;
}
