export const RECOVERY_CODE_STORE = Symbol('RecoveryCodeStore');

/**
 * Where an account's recovery codes live, as digests only. One set per account at a time.
 */
export interface RecoveryCodeStore {
  /**
   * Makes `digests` the account's whole set: every code of the set before stops working, in the
   * same step. Concurrent replacements of one account leave exactly one of the sets. Digests are
   * distinct; a set with a repeated digest is refused and the set before stays.
   */
  replace(accountId: string, digests: readonly Buffer[], now: Date): Promise<void>;
  /**
   * Spends the code whose digest this is: true the first time, false after, and false for a
   * digest the account's current set does not hold. Atomic: of concurrent spends of one code,
   * exactly one gets true.
   */
  spend(accountId: string, digest: Buffer, now: Date): Promise<boolean>;
  /** Codes of the current set not yet spent, so a page can say how many are left. */
  remaining(accountId: string): Promise<number>;
}
