import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { LegacyHold } from '../domain/legacy-hold';
import type { HoldChange, HoldPlacement, HoldStore } from '../hold-store.port';

interface HoldRow {
  hold_id: string;
  legacy_account_id: string;
  source: 'reset' | 'fraud';
  released_at: Date | null;
  suspension: LegacyHold['suspension'];
  resumption: LegacyHold['resumption'] | null;
  attempts: number;
}

const toHold = (row: HoldRow): LegacyHold => ({
  holdId: row.hold_id,
  legacyAccountId: row.legacy_account_id,
  source: row.source,
  releasedAt: row.released_at ?? undefined,
  suspension: row.suspension,
  resumption: row.resumption ?? undefined,
  attempts: row.attempts,
});

/** Sessions a hold revoked (where the legacy system cannot suspend) join the inventory. */
async function recordHoldRevocations(
  manager: EntityManager,
  hold: LegacyHold,
  change: Extract<HoldChange, { suspension: 'revoked_instead' }>,
): Promise<void> {
  if (change.sessions.length === 0) return;
  await manager.query(
    `INSERT INTO legacy_session (session_id, legacy_account_id, created_at, revoked_at, revoked_by)
     SELECT id, $1, created, $2, 'hold' FROM unnest($3::text[], $4::timestamptz[]) AS s(id, created)
     ON CONFLICT (session_id) DO NOTHING`,
    [
      hold.legacyAccountId,
      change.revokedAt,
      change.sessions.map((session) => session.sessionId),
      change.sessions.map((session) => session.createdAt),
    ],
  );
}

@Injectable()
export class PgHoldStore implements HoldStore {
  constructor(private readonly dataSource: DataSource) {}

  async place(manager: EntityManager, hold: HoldPlacement, placedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO legacy_hold (hold_id, legacy_account_id, source, placed_at, suspension, next_attempt_at)
       VALUES ($1, $2, $3, $4, 'pending', $4)
       ON CONFLICT (hold_id) DO UPDATE SET placed_at = COALESCE(legacy_hold.placed_at, EXCLUDED.placed_at)`,
      [hold.holdId, hold.legacyAccountId, hold.source, placedAt],
    );
  }

  async release(manager: EntityManager, hold: HoldPlacement, releasedAt: Date): Promise<void> {
    // Released before placed: kept as released with nothing to do, so the late placement is inert.
    await manager.query(
      `INSERT INTO legacy_hold (hold_id, legacy_account_id, source, released_at, suspension, resumption, next_attempt_at)
       VALUES ($1, $2, $3, $4, 'none', 'not_needed', $4)
       ON CONFLICT (hold_id) DO UPDATE SET
         released_at = COALESCE(legacy_hold.released_at, EXCLUDED.released_at),
         resumption = CASE WHEN legacy_hold.released_at IS NOT NULL THEN legacy_hold.resumption
                           WHEN legacy_hold.suspension IN ('pending', 'suspended') THEN 'pending'
                           ELSE 'not_needed' END,
         next_attempt_at = EXCLUDED.next_attempt_at, attempts = 0`,
      [hold.holdId, hold.legacyAccountId, hold.source, releasedAt],
    );
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<LegacyHold[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE legacy_hold SET lease_until = $2
        WHERE hold_id IN (
          SELECT hold_id FROM legacy_hold
           WHERE ((suspension = 'pending') OR (resumption = 'pending'))
             AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING hold_id, legacy_account_id, source, released_at, suspension, resumption, attempts, next_attempt_at`,
      [now, leaseUntil, limit],
    )) as [Array<HoldRow & { next_attempt_at: Date }>, number];
    // RETURNING keeps no order: oldest due first, as claimed.
    return rows.sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime()).map(toHold);
  }

  async otherHoldActive(hold: LegacyHold): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM legacy_hold
        WHERE legacy_account_id = $1 AND hold_id <> $2 AND released_at IS NULL
          AND suspension IN ('pending', 'suspended') LIMIT 1`,
      [hold.legacyAccountId, hold.holdId],
    )) as unknown[];
    return rows.length > 0;
  }

  async revokedByEnrolment(legacyAccountId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM legacy_revocation
        WHERE legacy_account_id = $1 AND sessions_revoked_at IS NOT NULL LIMIT 1`,
      [legacyAccountId],
    )) as unknown[];
    return rows.length > 0;
  }

  save(hold: LegacyHold, change: HoldChange, events: readonly RekeyEvent[]): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      if ('suspension' in change) {
        // A release that arrived meanwhile set resumption = 'pending'; nothing suspended, nothing to resume.
        await manager.query(
          `UPDATE legacy_hold SET suspension = $2, suspended_count = $3, lease_until = NULL, attempts = 0,
                  resumption = CASE WHEN $2 = 'suspended' THEN resumption
                                    WHEN released_at IS NOT NULL THEN 'not_needed' ELSE resumption END
            WHERE hold_id = $1 AND suspension = 'pending'`,
          [hold.holdId, change.suspension, 'count' in change ? change.count : null],
        );
        if (change.suspension === 'revoked_instead') await recordHoldRevocations(manager, hold, change);
      } else {
        await manager.query(
          `UPDATE legacy_hold SET resumption = $2, resumed_count = $3, lease_until = NULL
            WHERE hold_id = $1 AND resumption = 'pending'`,
          [hold.holdId, change.resumption, 'count' in change ? change.count : null],
        );
      }
      await appendToOutbox(manager, events);
    });
  }

  async retryLater(hold: LegacyHold, nextAttemptAt: Date, errorCode: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE legacy_hold SET attempts = attempts + 1, next_attempt_at = $2, last_error_code = $3,
              last_error = $4, lease_until = NULL WHERE hold_id = $1`,
      [hold.holdId, nextAttemptAt, errorCode, error.slice(0, 500)],
    );
  }

  async releaseLeases(holdIds: readonly string[]): Promise<void> {
    if (holdIds.length === 0) return;
    await this.dataSource.query(`UPDATE legacy_hold SET lease_until = NULL WHERE hold_id = ANY($1::uuid[])`, [
      holdIds,
    ]);
  }
}
