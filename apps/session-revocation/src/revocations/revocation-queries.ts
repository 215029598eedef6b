import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { revocationColumns, toRevocation, type RevocationRow } from './adapters/revocation-rows.sql';
import type { Revocation } from './domain/revocation';

export type RevocationListState = 'pending' | 'stalled' | 'done' | 'awaiting_link' | 'failed';

/** What operators see of a revocation: its steps, retries and last error code, never a credential. */
export interface RevocationView {
  journeyId: string;
  legacyAccountId: string;
  targetAccountId: string;
  waveId: string;
  state: Revocation['state'];
  stalled: boolean;
  enrolledAt: Date;
  sessionsRevokedAt?: Date | undefined;
  revokedCount?: number | undefined;
  loginRetiredAt?: Date | undefined;
  attempts: number;
  firstAttemptAt?: Date | undefined;
  nextAttemptAt?: Date | undefined;
  lastErrorCode?: string | undefined;
  lastError?: string | undefined;
  stalledAlertedAt?: Date | undefined;
  doneAt?: Date | undefined;
}

export interface HoldView {
  holdId: string;
  source: 'reset' | 'fraud';
  placedAt?: Date;
  releasedAt?: Date;
  suspension: string;
  suspendedCount?: number;
  resumption?: string;
  resumedCount?: number;
  attempts: number;
  lastErrorCode?: string;
}

const filters: Record<RevocationListState, string> = {
  pending: `state = 'pending' AND stalled_alerted_at IS NULL`,
  stalled: `state IN ('pending', 'failed') AND stalled_alerted_at IS NOT NULL`,
  done: `state = 'done'`,
  awaiting_link: `state = 'awaiting_link'`,
  failed: `state = 'failed'`,
};

function view(row: RevocationRow): RevocationView {
  const {
    methods: _methods,
    assuranceLevel: _level,
    pendingSince: _since,
    ...revocation
  } = toRevocation(row);
  return { ...revocation, stalled: revocation.stalledAlertedAt !== undefined && revocation.state !== 'done' };
}

@Injectable()
export class RevocationQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Ordered by journey id; `after` is the last journey id of the previous page. */
  async list(filter: {
    state: RevocationListState;
    after?: string | undefined;
    limit: number;
  }): Promise<{ items: RevocationView[]; next?: string }> {
    const rows = (await this.dataSource.query(
      `SELECT ${revocationColumns} FROM legacy_revocation
        WHERE ${filters[filter.state]} AND ($1::uuid IS NULL OR journey_id > $1::uuid)
        ORDER BY journey_id LIMIT $2`,
      [filter.after ?? null, filter.limit + 1],
    )) as RevocationRow[];
    const items = rows.slice(0, filter.limit).map(view);
    const next = rows.length > filter.limit ? items.at(-1)?.journeyId : undefined;
    return { items, ...(next ? { next } : {}) };
  }

  async ofAccount(
    legacyAccountId: string,
  ): Promise<{ legacyAccountId: string; revocations: RevocationView[]; holds: HoldView[] } | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${revocationColumns} FROM legacy_revocation WHERE legacy_account_id = $1 ORDER BY created_at`,
      [legacyAccountId],
    )) as RevocationRow[];
    const holds = (await this.dataSource.query(
      `SELECT hold_id, source, placed_at, released_at, suspension, suspended_count, resumption,
              resumed_count, attempts, last_error_code
         FROM legacy_hold WHERE legacy_account_id = $1 ORDER BY placed_at NULLS LAST`,
      [legacyAccountId],
    )) as Array<Record<string, unknown>>;
    if (rows.length === 0 && holds.length === 0) return undefined;
    return {
      legacyAccountId,
      revocations: rows.map(view),
      holds: holds.map(
        (hold) =>
          Object.fromEntries(
            Object.entries({
              holdId: hold['hold_id'],
              source: hold['source'],
              placedAt: hold['placed_at'],
              releasedAt: hold['released_at'],
              suspension: hold['suspension'],
              suspendedCount: hold['suspended_count'],
              resumption: hold['resumption'],
              resumedCount: hold['resumed_count'],
              attempts: hold['attempts'],
              lastErrorCode: hold['last_error_code'],
            }).filter(([, value]) => value !== null),
          ) as unknown as HoldView,
      ),
    };
  }
}
