import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountHold } from '../domain/account-hold';
import type { HoldStore } from '../hold-store.port';

@Injectable()
export class PgHoldStore implements HoldStore {
  constructor(private readonly dataSource: DataSource) {}

  async place(manager: EntityManager, hold: AccountHold): Promise<void> {
    await manager.query(
      `INSERT INTO account_hold (hold_id, legacy_account_id, source, placed_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (hold_id) DO NOTHING`,
      [hold.holdId, hold.legacyAccountId, hold.source, hold.placedAt],
    );
  }

  async release(
    manager: EntityManager,
    hold: Omit<AccountHold, 'placedAt'>,
    releasedAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO account_hold (hold_id, legacy_account_id, source, placed_at, released_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (hold_id) DO UPDATE SET released_at = COALESCE(account_hold.released_at, EXCLUDED.released_at)`,
      [hold.holdId, hold.legacyAccountId, hold.source, releasedAt],
    );
  }

  async isHeld(legacyAccountId: string, manager?: EntityManager): Promise<boolean> {
    const rows = (await (manager ?? this.dataSource).query(
      `SELECT 1 FROM account_hold WHERE legacy_account_id = $1 AND released_at IS NULL LIMIT 1`,
      [legacyAccountId],
    )) as unknown[];
    return rows.length > 0;
  }
}
