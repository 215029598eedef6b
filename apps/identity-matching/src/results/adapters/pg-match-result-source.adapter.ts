import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { evidenceOfRow, type ContactState, type LinkEvidence, type StoredEvidence } from '../../matching';
import type { AccountResult, ResultsRun } from '../domain/account-result';
import { nearMissesOf } from '../domain/near-misses';
import type { MatchResultSource, ResultFilter, ResultSnapshot } from '../match-result-source.port';

interface RunRow {
  id: string;
  status: ResultsRun['status'];
  started_at: Date;
  finished_at: Date | null;
}

type ResultRow = StoredEvidence & {
  legacy_account_id: string;
  run_id: string;
  outcome: AccountResult['outcome'];
  band: AccountResult['band'];
  probability: number;
  target_account_id: string | null;
  review_reasons: AccountResult['reviewReasons'];
  segments: AccountResult['segments'];
  primary_segment: AccountResult['primarySegment'];
  contact_state: ContactState | null;
  /** Spelled-out evidence of rows written before evidence was stored compact. */
  evidence: (LinkEvidence & { nearMisses?: unknown }) | null;
  updated_at: Date;
};

@Injectable()
export class PgMatchResultSource implements MatchResultSource {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One repeatable-read snapshot for the latest run and the page: a run commits its match_run row
   * before writing any result, so a snapshot either sees the run running or none of its rows.
   */
  page(filter: ResultFilter): Promise<ResultSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [run]: RunRow[] = await manager.query(
        `SELECT id, status, started_at, finished_at FROM match_run ORDER BY started_at DESC, id DESC LIMIT 1`,
      );
      if (!run) return { results: [] };
      const latestRun = toRun(run);
      if (latestRun.status === 'running') return { latestRun, results: [] };
      return { latestRun, results: await this.results(manager, filter) };
    });
  }

  async findRun(runId: string): Promise<ResultsRun | undefined> {
    const [run]: RunRow[] = await this.dataSource.query(
      `SELECT id, status, started_at, finished_at FROM match_run WHERE id = $1`,
      [runId],
    );
    return run ? toRun(run) : undefined;
  }

  private async results(manager: EntityManager, filter: ResultFilter): Promise<AccountResult[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (filter.outcome) add((p) => `m.outcome = ${p}`, filter.outcome);
    if (filter.band) add((p) => `m.band = ${p}`, filter.band);
    if (filter.segment) add((p) => `${p} = ANY(m.segments)`, filter.segment);
    if (filter.contactState) add((p) => `m.contact_state = ${p}`, filter.contactState);
    if (filter.afterLegacyId !== undefined)
      add((p) => `m.legacy_account_id > ${p}::text COLLATE "C"`, filter.afterLegacyId);
    values.push(filter.limit);
    const rows: ResultRow[] = await manager.query(
      `SELECT m.*, (SELECT model FROM match_run WHERE id = m.run_id) AS run_model
         FROM account_match AS m
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY m.legacy_account_id LIMIT $${values.length}`,
      values,
    );
    return rows.map(toResult);
  }
}

function toRun(row: RunRow): ResultsRun {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
  };
}

function toResult(row: ResultRow): AccountResult {
  const evidence = evidenceOfRow(row) ?? spelledOut(row.evidence);
  const nearMisses = nearMissesOf(row.evidence_detail?.nearMisses ?? row.evidence?.nearMisses);
  return {
    legacyAccountId: row.legacy_account_id,
    outcome: row.outcome,
    band: row.band,
    probability: row.probability,
    ...(row.target_account_id !== null ? { targetAccountId: row.target_account_id } : {}),
    reviewReasons: row.review_reasons,
    segments: row.segments,
    primarySegment: row.primary_segment,
    contactState: row.contact_state,
    ...(evidence ? { evidence } : {}),
    ...(nearMisses ? { nearMisses } : {}),
    storedByRunId: row.run_id,
    updatedAt: row.updated_at,
  };
}

function spelledOut(evidence: ResultRow['evidence']): LinkEvidence | undefined {
  if (!evidence || typeof evidence.method !== 'string') return undefined;
  const { nearMisses: _nearMisses, ...rest } = evidence;
  return rest;
}
