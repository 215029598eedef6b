import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { Revocation, RevocationState } from '../domain/revocation';
import type {
  ClaimedRevocation,
  Completion,
  RevocationStore,
  StoredCause,
  VerifiedLink,
} from '../revocation-store.port';
import { revocationColumns, toRevocation, type RevocationRow } from './revocation-rows.sql';

/**
 * One account's completion and its link may arrive on two partitions at once: both take the
 * account's advisory lock, so whichever commits second sees the other (no completion is left
 * awaiting a link that has already arrived).
 */
async function lockAccount(manager: EntityManager, legacyAccountId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 17))`, [legacyAccountId]);
}

/**
 * The sessions the revoke step listed go into the inventory in the step's own transaction. A
 * session already there keeps its first revocation (a hold or an earlier step revoked it).
 */
async function recordRevokedSessions(manager: EntityManager, revocation: Revocation): Promise<void> {
  const sessions = revocation.revokedSessions ?? [];
  if (sessions.length === 0 || !revocation.sessionsRevokedAt) return;
  await manager.query(
    `INSERT INTO legacy_session (session_id, legacy_account_id, created_at, revoked_at, revoked_by, journey_id)
     SELECT id, $1, created, $2, 'enrolment', $3 FROM unnest($4::text[], $5::timestamptz[]) AS s(id, created)
     ON CONFLICT (session_id) DO UPDATE SET revoked_at = COALESCE(legacy_session.revoked_at, EXCLUDED.revoked_at),
       revoked_by = COALESCE(legacy_session.revoked_by, EXCLUDED.revoked_by),
       journey_id = COALESCE(legacy_session.journey_id, EXCLUDED.journey_id)`,
    [
      revocation.legacyAccountId,
      revocation.sessionsRevokedAt,
      revocation.journeyId,
      sessions.map((session) => session.sessionId),
      sessions.map((session) => session.createdAt),
    ],
  );
}

@Injectable()
export class PgRevocationStore implements RevocationStore {
  constructor(private readonly dataSource: DataSource) {}

  async recordCompletion(
    manager: EntityManager,
    completion: Completion,
    cause: StoredCause | undefined,
    now: Date,
  ): Promise<RevocationState> {
    await lockAccount(manager, completion.legacyAccountId);
    const [row] = (await manager.query(
      `WITH verified AS (
         SELECT EXISTS (SELECT 1 FROM link WHERE legacy_account_id = $2 AND target_account_id = $3) AS linked)
       INSERT INTO legacy_revocation (journey_id, legacy_account_id, target_account_id, wave_id, methods,
              assurance_level, enrolled_at, state, created_at, pending_since, next_attempt_at, cause)
       SELECT $1, $2, $3, $4, $5, $6, $7,
              CASE WHEN linked THEN 'pending' ELSE 'awaiting_link' END, $8,
              CASE WHEN linked THEN $8::timestamptz END, CASE WHEN linked THEN $8::timestamptz END, $9
         FROM verified
       ON CONFLICT (journey_id) DO UPDATE SET journey_id = legacy_revocation.journey_id
       RETURNING state`,
      [
        completion.journeyId,
        completion.legacyAccountId,
        completion.targetAccountId,
        completion.waveId,
        completion.methods,
        completion.assuranceLevel,
        completion.enrolledAt,
        now,
        cause ? JSON.stringify(cause) : null,
      ],
    )) as Array<{ state: RevocationState }>;
    if (!row) throw new Error('recording a completion returned no row');
    return row.state;
  }

  async recordLink(manager: EntityManager, link: VerifiedLink, now: Date): Promise<number> {
    await lockAccount(manager, link.legacyAccountId);
    // A later link of the same account replaces the earlier (a reviewer corrected it).
    await manager.query(
      `INSERT INTO link (legacy_account_id, target_account_id, linked_at) VALUES ($1, $2, $3)
       ON CONFLICT (legacy_account_id) DO UPDATE
         SET target_account_id = EXCLUDED.target_account_id, linked_at = EXCLUDED.linked_at
         WHERE link.linked_at <= EXCLUDED.linked_at`,
      [link.legacyAccountId, link.targetAccountId, link.linkedAt],
    );
    const [, released] = (await manager.query(
      `UPDATE legacy_revocation r SET state = 'pending', pending_since = $2, next_attempt_at = $2
         FROM link l
        WHERE r.legacy_account_id = $1 AND r.state = 'awaiting_link'
          AND l.legacy_account_id = r.legacy_account_id AND l.target_account_id = r.target_account_id`,
      [link.legacyAccountId, now],
    )) as [unknown, number];
    return released;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedRevocation[]> {
    // SKIP LOCKED: replicas claiming together take different rows instead of waiting.
    const [rows] = (await this.dataSource.query(
      `UPDATE legacy_revocation SET lease_until = $2, first_attempt_at = COALESCE(first_attempt_at, $1)
        WHERE journey_id IN (
          SELECT journey_id FROM legacy_revocation
           WHERE state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${revocationColumns}`,
      [now, leaseUntil, limit],
    )) as [RevocationRow[], number];
    // RETURNING keeps no order: oldest due first, so the one trial call of a half-open circuit
    // goes to the row that waited longest, not to the same row every time.
    return rows
      .sort((a, b) => (a.next_attempt_at?.getTime() ?? 0) - (b.next_attempt_at?.getTime() ?? 0))
      .map((row) => ({ revocation: toRevocation(row), cause: row.cause ?? undefined }));
  }

  save(revocation: Revocation, events: readonly RekeyEvent[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(
        `UPDATE legacy_revocation SET state = $2, sessions_revoked_at = $3, revoked_count = $4,
                login_retired_at = $5, attempts = $6, next_attempt_at = $7, last_error_code = $8,
                last_error = $9, done_at = $10, lease_until = NULL
          WHERE journey_id = $1 AND state = 'pending'`,
        [
          revocation.journeyId,
          revocation.state,
          revocation.sessionsRevokedAt ?? null,
          revocation.revokedCount ?? null,
          revocation.loginRetiredAt ?? null,
          revocation.attempts,
          revocation.nextAttemptAt ?? null,
          revocation.lastErrorCode ?? null,
          revocation.lastError?.slice(0, 500) ?? null,
          revocation.doneAt ?? null,
        ],
      )) as [unknown, number];
      if (updated === 0) return false;
      await recordRevokedSessions(manager, revocation);
      await appendToOutbox(manager, events);
      return true;
    });
  }

  async release(journeyIds: readonly string[]): Promise<void> {
    if (journeyIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE legacy_revocation SET lease_until = NULL WHERE journey_id = ANY($1::uuid[])`,
      [journeyIds],
    );
  }

  alertStalled(
    now: Date,
    stalledBefore: Date,
    limit: number,
    alert: (revocation: Revocation, cause: StoredCause | undefined) => RekeyEvent,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT ${revocationColumns} FROM legacy_revocation
          WHERE stalled_alerted_at IS NULL
            AND (state = 'failed' OR (state = 'pending' AND pending_since <= $1))
          ORDER BY pending_since LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [stalledBefore, limit],
      )) as RevocationRow[];
      if (rows.length === 0) return 0;
      await manager.query(
        `UPDATE legacy_revocation SET stalled_alerted_at = $2 WHERE journey_id = ANY($1::uuid[])`,
        [rows.map((row) => row.journey_id), now],
      );
      await appendToOutbox(
        manager,
        rows.map((row) => alert(toRevocation(row), row.cause ?? undefined)),
      );
      return rows.length;
    });
  }
}
