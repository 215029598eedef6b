import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { evidenceOfRow, storedEvidenceSql, type BlockingSummary, type StoredEvidence } from '../../matching';
import type { KeyCount, MatchSample, ReportFigures } from '../domain/match-report';
import type { MatchReportSource } from '../match-report-source.port';

interface GroupRow {
  dimension: 'outcome' | 'band' | 'segment' | 'contact_state';
  key: string;
  count: number;
}

@Injectable()
export class PgMatchReportSource implements MatchReportSource {
  constructor(private readonly dataSource: DataSource) {}

  async figures(samplesPerBand: number): Promise<ReportFigures> {
    // One scan of account_match for the four groupings. A row stored before contact states were
    // kept has none until the next run rewrites it: it counts as unknown.
    const groups: GroupRow[] = await this.dataSource.query(
      `SELECT CASE WHEN GROUPING(outcome) = 0 THEN 'outcome'
                   WHEN GROUPING(band) = 0 THEN 'band'
                   WHEN GROUPING(primary_segment) = 0 THEN 'segment' ELSE 'contact_state' END AS dimension,
              COALESCE(outcome, band, primary_segment, contact_state, 'unknown') AS key, count(*)::int AS count
         FROM account_match
        GROUP BY GROUPING SETS ((outcome), (band), (primary_segment), (contact_state))`,
    );
    const [reasons, methods, statuses, samples, runs] = await Promise.all([
      this.counts(
        `SELECT reason AS key, count(*)::int AS count
           FROM account_match, unnest(review_reasons) AS reason
          WHERE outcome = 'review' GROUP BY reason`,
      ),
      this.counts(`SELECT method AS key, count(*)::int AS count FROM identity_link GROUP BY method`),
      this.counts(`SELECT status AS key, count(*)::int AS count FROM review_item GROUP BY status`),
      this.samples(samplesPerBand),
      this.dataSource.query(
        `SELECT id, status, started_at, finished_at, model->'blocking' AS blocking
           FROM match_run ORDER BY started_at DESC LIMIT 1`,
      ) as Promise<
        Array<{
          id: string;
          status: string;
          started_at: Date;
          finished_at: Date | null;
          blocking: BlockingSummary | null;
        }>
      >,
    ]);
    const of = (dimension: GroupRow['dimension']): KeyCount[] =>
      groups.filter((row) => row.dimension === dimension).map(({ key, count }) => ({ key, count }));
    const run = runs[0];
    return {
      outcomes: of('outcome'),
      bands: of('band'),
      primarySegments: of('segment'),
      contactStates: of('contact_state'),
      reviewReasons: reasons,
      linkMethods: methods,
      reviewStatuses: statuses,
      samples,
      ...(run
        ? {
            lastRun: {
              id: run.id,
              status: run.status,
              startedAt: run.started_at,
              ...(run.finished_at ? { finishedAt: run.finished_at } : {}),
              ...(run.blocking ? { blocking: run.blocking } : {}),
            },
          }
        : {}),
    };
  }

  private counts(sql: string): Promise<KeyCount[]> {
    return this.dataSource.query(sql) as Promise<KeyCount[]>;
  }

  private async samples(perBand: number): Promise<MatchSample[]> {
    const rows: Array<
      {
        legacy_account_id: string;
        outcome: MatchSample['outcome'];
        band: MatchSample['band'];
        target_account_id: string | null;
        probability: number;
        review_reasons: MatchSample['reviewReasons'];
        evidence: MatchSample['evidence'] | null;
      } & StoredEvidence
    > = await this.dataSource.query(
      `SELECT s.* FROM unnest(ARRAY['high', 'medium', 'low', 'none']) AS b(band),
              LATERAL (SELECT m.legacy_account_id, m.outcome, m.band, m.target_account_id, m.probability,
                              m.review_reasons, m.evidence, ${storedEvidenceSql('m')}
                         FROM account_match AS m WHERE m.band = b.band ORDER BY m.legacy_account_id LIMIT $1) AS s`,
      [perBand],
    );
    return rows.map((row) => {
      const evidence = evidenceOfRow(row) ?? row.evidence;
      return {
        legacyAccountId: row.legacy_account_id,
        outcome: row.outcome,
        band: row.band,
        probability: row.probability,
        reviewReasons: row.review_reasons,
        ...(row.target_account_id !== null ? { targetAccountId: row.target_account_id } : {}),
        ...(evidence ? { evidence } : {}),
      };
    });
  }
}
