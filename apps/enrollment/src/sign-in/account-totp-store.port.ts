import type { RekeyEvent } from '@rekey/contracts';

export const ACCOUNT_TOTP_STORE = Symbol('AccountTotpStore');

/** A secret shown on the account page, sealed, waiting for the customer's first code. */
export interface PendingAccountTotp {
  legacyAccountId: string;
  sealedSecret: Buffer;
  keyId: string;
  createdAt: Date;
}

/** An authenticator app added by a signed-in customer, in the account's one TOTP factor row. */
export interface AccountTotpStore {
  /**
   * Makes `pending` the account's unconfirmed factor, in place of any earlier pending one. False,
   * with nothing changed, when the account has a confirmed factor already or no password (a code
   * only ever signs in beside a password).
   */
  savePending(pending: PendingAccountTotp): Promise<boolean>;
  /**
   * Confirms the pending factor that still holds `sealedSecret` with the step of its first code,
   * and in the same transaction adds 'totp' to the account (AAL2), commits `event` and queues the
   * customer's notices. False, with nothing changed, when it is confirmed or replaced meanwhile.
   */
  confirm(
    factor: { legacyAccountId: string; sealedSecret: Buffer; step: number; at: Date },
    event: RekeyEvent,
  ): Promise<boolean>;
}
