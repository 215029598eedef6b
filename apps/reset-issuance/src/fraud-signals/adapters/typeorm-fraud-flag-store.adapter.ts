import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FraudFlag } from '../domain/fraud-flag';
import type { FraudFlagStore } from '../fraud-flag-store.port';

/** Redemption reads the flags (an EXISTS on the key's leading column, legacy_account_id). */
@Injectable()
export class TypeormFraudFlagStore implements FraudFlagStore {
  async record(manager: EntityManager, flag: FraudFlag): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO fraud_flag (legacy_account_id, signal_id, reason, severity, flagged_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (legacy_account_id, signal_id) DO NOTHING
       RETURNING signal_id`,
      [flag.legacyAccountId, flag.signalId, flag.reason, flag.severity, flag.flaggedAt],
    );
    return inserted.length > 0;
  }
}
