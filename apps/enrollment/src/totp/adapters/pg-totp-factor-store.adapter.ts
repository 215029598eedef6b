import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PendingTotpFactor, StoredTotpFactor, TotpFactorStore } from '../totp-factor-store.port';

interface FactorRow {
  legacy_account_id: string;
  journey_id: string;
  sealed_secret: Buffer;
  key_id: string;
  last_used_step: number | null;
  created_at: Date;
  confirmed_at: Date | null;
}

@Injectable()
export class PgTotpFactorStore implements TotpFactorStore {
  constructor(private readonly dataSource: DataSource) {}

  async savePending(factor: PendingTotpFactor): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO totp_factor (legacy_account_id, journey_id, sealed_secret, key_id, last_used_step,
                                created_at, confirmed_at)
       VALUES ($1, $2, $3, $4, NULL, $5, NULL)
       ON CONFLICT (legacy_account_id) DO UPDATE SET
         journey_id = EXCLUDED.journey_id, sealed_secret = EXCLUDED.sealed_secret,
         key_id = EXCLUDED.key_id, last_used_step = NULL, created_at = EXCLUDED.created_at,
         confirmed_at = NULL
       WHERE totp_factor.confirmed_at IS NULL OR totp_factor.journey_id <> EXCLUDED.journey_id
       RETURNING legacy_account_id`,
      [factor.legacyAccountId, factor.journeyId, factor.sealedSecret, factor.keyId, factor.createdAt],
    )) as unknown[];
    return rows.length === 1;
  }

  async find(legacyAccountId: string): Promise<StoredTotpFactor | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT legacy_account_id, journey_id, sealed_secret, key_id, last_used_step, created_at, confirmed_at
         FROM totp_factor WHERE legacy_account_id = $1`,
      [legacyAccountId],
    )) as FactorRow[];
    const row = rows[0];
    if (!row) return undefined;
    return {
      legacyAccountId: row.legacy_account_id,
      journeyId: row.journey_id,
      sealedSecret: row.sealed_secret,
      keyId: row.key_id,
      ...(row.last_used_step === null ? {} : { lastUsedStep: row.last_used_step }),
      createdAt: row.created_at,
      ...(row.confirmed_at ? { confirmedAt: row.confirmed_at } : {}),
    };
  }

  async useStep(legacyAccountId: string, sealedSecret: Buffer, step: number, at: Date): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE totp_factor SET last_used_step = $3, confirmed_at = COALESCE(confirmed_at, $4)
        WHERE legacy_account_id = $1 AND sealed_secret = $2
          AND (last_used_step IS NULL OR last_used_step < $3)
       RETURNING legacy_account_id`,
      [legacyAccountId, sealedSecret, step, at],
    )) as [unknown[], number];
    return rows.length === 1;
  }
}
