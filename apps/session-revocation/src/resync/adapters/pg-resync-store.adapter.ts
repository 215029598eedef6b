import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { ResyncRun, ResyncTarget } from '../domain/resync';
import type { CheckedAccount, ResyncStore } from '../resync-store.port';

interface RunRow {
  run_id: string;
  wave_id: string;
  requested_by: ResyncRun['requestedBy'];
  state: ResyncRun['state'];
  after_journey_id: string | null;
  current_attempts: number;
  accounts_checked: number;
  accounts_with_drift: number;
  sessions_revoked: number;
  logins_retired: number;
  failure_count: number;
  failures: ResyncRun['failures'];
  started_at: Date;
  completed_at: Date | null;
}

function toRun(row: RunRow): ResyncRun {
  return {
    runId: row.run_id,
    waveId: row.wave_id,
    requestedBy: row.requested_by,
    state: row.state,
    afterJourneyId: row.after_journey_id ?? undefined,
    currentAttempts: row.current_attempts,
    counts: {
      accountsChecked: row.accounts_checked,
      accountsWithDrift: row.accounts_with_drift,
      sessionsRevoked: row.sessions_revoked,
      loginsRetired: row.logins_retired,
      failures: row.failure_count,
    },
    failures: row.failures,
    startedAt: row.started_at,
    completedAt: row.completed_at ?? undefined,
  };
}

/** Failures kept per run for the report; the count goes on past it. */
const FAILURES_KEPT = 200;

@Injectable()
export class PgResyncStore implements ResyncStore {
  constructor(private readonly dataSource: DataSource) {}

  async start(run: ResyncRun): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO resync_run (run_id, wave_id, requested_by, state, started_at) VALUES ($1, $2, $3, 'running', $4)`,
      [run.runId, run.waveId, JSON.stringify(run.requestedBy), run.startedAt],
    );
  }

  async find(runId: string): Promise<ResyncRun | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM resync_run WHERE run_id = $1`, [
      runId,
    ])) as RunRow[];
    return row ? toRun(row) : undefined;
  }

  async claimRunning(now: Date, leaseUntil: Date): Promise<ResyncRun | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE resync_run SET lease_until = $2
        WHERE run_id = (SELECT run_id FROM resync_run
                         WHERE state = 'running' AND (lease_until IS NULL OR lease_until <= $1)
                         ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, leaseUntil],
    )) as [RunRow[], number];
    return rows[0] ? toRun(rows[0]) : undefined;
  }

  async nextTargets(run: ResyncRun, limit: number): Promise<ResyncTarget[]> {
    const rows = (await this.dataSource.query(
      `SELECT journey_id, legacy_account_id FROM legacy_revocation
        WHERE wave_id = $1 AND state = 'done' AND ($2::uuid IS NULL OR journey_id > $2::uuid)
        ORDER BY journey_id LIMIT $3`,
      [run.waveId, run.afterJourneyId ?? null, limit],
    )) as Array<{ journey_id: string; legacy_account_id: string }>;
    return rows.map((row) => ({ journeyId: row.journey_id, legacyAccountId: row.legacy_account_id }));
  }

  saveChecked(runId: string, checked: CheckedAccount): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (checked.kind === 'retry') {
        const [, updated] = (await manager.query(
          `UPDATE resync_run SET current_attempts = $2 WHERE run_id = $1 AND state = 'running'`,
          [runId, checked.attempts],
        )) as [unknown, number];
        return updated > 0;
      }
      const { counts } = checked;
      const failure = checked.kind === 'failed' ? [checked.failure] : [];
      const [, updated] = (await manager.query(
        `UPDATE resync_run SET after_journey_id = $2, current_attempts = 0, accounts_checked = $3,
                accounts_with_drift = $4, sessions_revoked = $5, logins_retired = $6, failure_count = $9,
                failures = CASE WHEN jsonb_array_length(failures) < $8 THEN failures || $7::jsonb ELSE failures END
          WHERE run_id = $1 AND state = 'running'`,
        [
          runId,
          checked.target.journeyId,
          counts.accountsChecked,
          counts.accountsWithDrift,
          counts.sessionsRevoked,
          counts.loginsRetired,
          JSON.stringify(failure),
          FAILURES_KEPT,
          counts.failures,
        ],
      )) as [unknown, number];
      if (updated === 0) return false;
      if (checked.kind === 'checked') {
        await recordResyncRevocations(manager, checked);
        await appendToOutbox(manager, checked.events);
      }
      return true;
    });
  }

  complete(runId: string, now: Date, event: RekeyEvent): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(
        `UPDATE resync_run SET state = 'completed', completed_at = $2, lease_until = NULL
          WHERE run_id = $1 AND state = 'running'`,
        [runId, now],
      )) as [unknown, number];
      if (updated > 0) await appendToOutbox(manager, [event]);
    });
  }

  async release(runId: string): Promise<void> {
    await this.dataSource.query(`UPDATE resync_run SET lease_until = NULL WHERE run_id = $1`, [runId]);
  }
}

/**
 * Sessions revoked again go into the inventory as revoked by the re-sync: new ones are added, and
 * one the inventory had is marked again (it was active at the legacy side, whatever we thought).
 */
async function recordResyncRevocations(
  manager: EntityManager,
  checked: Extract<CheckedAccount, { kind: 'checked' }>,
): Promise<void> {
  if (checked.revokedSessions.length === 0 || !checked.revokedAt) return;
  await manager.query(
    `INSERT INTO legacy_session (session_id, legacy_account_id, created_at, revoked_at, revoked_by, journey_id)
     SELECT id, $1, created, $2, 'resync', $3 FROM unnest($4::text[], $5::timestamptz[]) AS s(id, created)
     ON CONFLICT (session_id) DO UPDATE SET revoked_at = EXCLUDED.revoked_at, revoked_by = 'resync'`,
    [
      checked.target.legacyAccountId,
      checked.revokedAt,
      checked.target.journeyId,
      checked.revokedSessions.map((session) => session.sessionId),
      checked.revokedSessions.map((session) => session.createdAt),
    ],
  );
}
