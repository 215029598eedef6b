import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { DataSource } from 'typeorm';
import type { AccountTotpStore, PendingAccountTotp } from '../account-totp-store.port';
import { recordMethodAdded } from './account-method-rows.sql';

@Injectable()
export class PgAccountTotpStore implements AccountTotpStore {
  constructor(private readonly dataSource: DataSource) {}

  async savePending(pending: PendingAccountTotp): Promise<boolean> {
    // The row keeps the enrolment that migrated the account as its journey: that enrolment is
    // finished, so its pages never treat this factor as one of theirs.
    const rows = (await this.dataSource.query(
      `INSERT INTO totp_factor (legacy_account_id, journey_id, sealed_secret, key_id, last_used_step,
                                created_at, confirmed_at)
       SELECT account.legacy_account_id, account.journey_id, $2, $3, NULL, $4, NULL
         FROM migrated_account AS account
         JOIN password_credential USING (legacy_account_id)
        WHERE account.legacy_account_id = $1
       ON CONFLICT (legacy_account_id) DO UPDATE SET
         journey_id = EXCLUDED.journey_id, sealed_secret = EXCLUDED.sealed_secret,
         key_id = EXCLUDED.key_id, last_used_step = NULL, created_at = EXCLUDED.created_at
       WHERE totp_factor.confirmed_at IS NULL
       RETURNING legacy_account_id`,
      [pending.legacyAccountId, pending.sealedSecret, pending.keyId, pending.createdAt],
    )) as unknown[];
    return rows.length === 1;
  }

  confirm(
    factor: { legacyAccountId: string; sealedSecret: Buffer; step: number; at: Date },
    event: RekeyEvent,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Conditional on the secret the code was checked against: of two requests with one code,
      // or a code racing a reload that replaced the secret, only one confirms.
      const [confirmed] = (await manager.query(
        `UPDATE totp_factor SET last_used_step = $3, confirmed_at = $4
          WHERE legacy_account_id = $1 AND sealed_secret = $2 AND confirmed_at IS NULL
            AND (last_used_step IS NULL OR last_used_step < $3)
         RETURNING legacy_account_id`,
        [factor.legacyAccountId, factor.sealedSecret, factor.step, factor.at],
      )) as [unknown[], number];
      if (confirmed.length === 0) return false;
      await recordMethodAdded(manager, {
        legacyAccountId: factor.legacyAccountId,
        method: 'totp',
        phishingResistant: false,
        event,
        at: factor.at,
      });
      return true;
    });
  }
}
