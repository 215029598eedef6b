export const TOTP_FACTOR_STORE = Symbol('TotpFactorStore');

/** An account's authenticator-app factor as stored: the secret only ever sealed. */
export interface StoredTotpFactor {
  legacyAccountId: string;
  /** The enrolment whose pages made it. */
  journeyId: string;
  sealedSecret: Buffer;
  keyId: string;
  /** The step of the last code accepted; undefined until the first. */
  lastUsedStep?: number;
  createdAt: Date;
  /** Set once the customer typed a code from their app: the factor works. */
  confirmedAt?: Date;
}

export type PendingTotpFactor = Omit<StoredTotpFactor, 'lastUsedStep' | 'confirmedAt'>;

/** One TOTP factor per account. */
export interface TotpFactorStore {
  /**
   * Makes `factor` the account's, pending, in place of any earlier one; false (and nothing
   * changes) when the same journey confirmed a factor already.
   */
  savePending(factor: PendingTotpFactor): Promise<boolean>;
  find(legacyAccountId: string): Promise<StoredTotpFactor | undefined>;
  /**
   * Records `step` as the last one used and confirms the factor, in one conditional update: only
   * while the account's factor still holds `sealedSecret` and no code of `step` or later was
   * accepted. Of two requests racing with one code, exactly one gets true.
   */
  useStep(legacyAccountId: string, sealedSecret: Buffer, step: number, at: Date): Promise<boolean>;
}
