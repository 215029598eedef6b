import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { MatchRun, MatchRunCounts, MatchRunStatus, ModelSummary } from '../domain/match-run';
import { MatchRunAlreadyRunning } from '../domain/linking.errors';
import { matchRunFinished } from '../domain/match-run-finished';
import type { MatchRunLease, MatchRunStore } from '../match-run-store.port';

// Session-level advisory lock held by the running replica's connection: if the replica dies, its
// session ends and the lock is free again. Distinct from the outbox relay's lock.
const MATCH_RUN_LOCK = 0x4d41544348; // "MATCH"

interface RunRow {
  id: string;
  status: MatchRunStatus;
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
  failure: string | null;
  legacy_count: number | null;
  target_count: number | null;
  candidate_pairs: string | null;
  linked_count: number | null;
  review_count: number | null;
  new_count: number | null;
  changed_count: number | null;
  links_created: number | null;
  reviews_opened: number | null;
  events_emitted: number | null;
  model: ModelSummary | null;
}

@Injectable()
export class PgMatchRunStore implements MatchRunStore {
  constructor(private readonly dataSource: DataSource) {}

  async begin(run: { id: string; requestedBy: string; startedAt: Date }): Promise<MatchRunLease> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [MATCH_RUN_LOCK]);
      if ((row as { locked: boolean }).locked !== true) throw new MatchRunAlreadyRunning();
    } catch (error) {
      await runner.release();
      throw error;
    }
    try {
      // Holding the lock, any run still marked running lost its replica midway.
      await runner.query(
        `UPDATE match_run SET status = 'failed', failure = 'interrupted: its replica stopped', finished_at = $1
          WHERE status = 'running'`,
        [run.startedAt],
      );
      await runner.query(
        `INSERT INTO match_run (id, status, requested_by, started_at) VALUES ($1, 'running', $2, $3)`,
        [run.id, run.requestedBy, run.startedAt],
      );
    } catch (error) {
      await this.unlock(runner);
      throw error;
    }
    return {
      run: { id: run.id, status: 'running', requestedBy: run.requestedBy, startedAt: run.startedAt },
      release: () => this.unlock(runner),
    };
  }

  async complete(
    id: string,
    counts: MatchRunCounts,
    model: ModelSummary,
    finishedAt: Date,
  ): Promise<MatchRun> {
    return this.finish(id, (manager) =>
      manager.query(
        `UPDATE match_run SET status = 'completed', finished_at = $2, legacy_count = $3, target_count = $4,
              candidate_pairs = $5, linked_count = $6, review_count = $7, new_count = $8, changed_count = $9,
              links_created = $10, reviews_opened = $11, events_emitted = $12, model = $13
        WHERE id = $1`,
        [
          id,
          finishedAt,
          counts.legacy,
          counts.target,
          counts.candidatePairs,
          counts.linked,
          counts.review,
          counts.new,
          counts.changed,
          counts.linksCreated,
          counts.reviewsOpened,
          counts.eventsEmitted,
          JSON.stringify(model),
        ],
      ),
    );
  }

  async fail(id: string, failure: string, finishedAt: Date): Promise<MatchRun> {
    return this.finish(id, (manager) =>
      manager.query(`UPDATE match_run SET status = 'failed', failure = $2, finished_at = $3 WHERE id = $1`, [
        id,
        failure.slice(0, 500),
        finishedAt,
      ]),
    );
  }

  /** The run's final state and its event commit together, so the audit log sees every run end. */
  private finish(id: string, update: (manager: EntityManager) => Promise<unknown>): Promise<MatchRun> {
    return this.dataSource.transaction(async (manager) => {
      await update(manager);
      const [row]: RunRow[] = await manager.query(`SELECT * FROM match_run WHERE id = $1`, [id]);
      if (!row) throw new Error(`match run ${id} is not recorded`);
      const run = toRun(row);
      await appendToOutbox(manager, [matchRunFinished(run)]);
      return run;
    });
  }

  async find(id: string): Promise<MatchRun | undefined> {
    const rows: RunRow[] = await this.dataSource.query(`SELECT * FROM match_run WHERE id = $1`, [id]);
    const row = rows[0];
    return row ? toRun(row) : undefined;
  }

  private async unlock(runner: ReturnType<DataSource['createQueryRunner']>): Promise<void> {
    try {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [MATCH_RUN_LOCK]);
    } finally {
      await runner.release();
    }
  }
}

function toRun(row: RunRow): MatchRun {
  const run: MatchRun = {
    id: row.id,
    status: row.status,
    requestedBy: row.requested_by,
    startedAt: row.started_at,
  };
  if (row.finished_at) run.finishedAt = row.finished_at;
  if (row.failure) run.failure = row.failure;
  if (row.status === 'completed') {
    run.counts = {
      legacy: row.legacy_count ?? 0,
      target: row.target_count ?? 0,
      candidatePairs: Number(row.candidate_pairs ?? 0),
      linked: row.linked_count ?? 0,
      review: row.review_count ?? 0,
      new: row.new_count ?? 0,
      changed: row.changed_count ?? 0,
      linksCreated: row.links_created ?? 0,
      reviewsOpened: row.reviews_opened ?? 0,
      eventsEmitted: row.events_emitted ?? 0,
    };
  }
  if (row.model) run.model = row.model;
  return run;
}
