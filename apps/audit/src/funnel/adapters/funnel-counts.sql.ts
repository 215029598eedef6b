import type { EntityManager } from 'typeorm';
import type { StepCounts, WaveFacts } from '../domain/funnel';

/** The wave's journeys joined with their accounts' links (which carry the segment). */
const journeys = `
  FROM funnel_journey j LEFT JOIN funnel_link l USING (legacy_account_id)
  WHERE j.wave_id = $1`;

const reachedLinked = 'l.linked_at IS NOT NULL';
const needsStepUp = '(j.step_up_required_at IS NOT NULL OR j.stepped_up_at IS NOT NULL)';
const issueToMigrated = 'EXTRACT(EPOCH FROM (j.migrated_at - j.issued_at))';
const hasIssueToMigrated = 'j.migrated_at IS NOT NULL AND j.issued_at IS NOT NULL';

/**
 * One row for the whole wave (GROUPING = 1) and one per segment; percentiles in SQL, so the
 * durations never leave the database.
 */
const countsQuery = `
  SELECT GROUPING(COALESCE(l.segment, 'unknown')) AS overall,
         COALESCE(l.segment, 'unknown') AS segment,
         count(*) AS journeys,
         count(*) FILTER (WHERE ${reachedLinked}) AS linked,
         count(j.notified_at) AS notified,
         count(j.issued_at) AS issued,
         count(j.redeemed_at) AS redeemed,
         count(j.enrolled_at) AS enrolled,
         count(j.migrated_at) AS migrated,
         count(*) FILTER (WHERE ${reachedLinked} AND j.notified_at IS NOT NULL) AS linked_next,
         count(*) FILTER (WHERE j.notified_at IS NOT NULL AND j.issued_at IS NOT NULL) AS notified_next,
         count(*) FILTER (WHERE j.issued_at IS NOT NULL AND j.redeemed_at IS NOT NULL) AS issued_next,
         count(*) FILTER (WHERE j.redeemed_at IS NOT NULL AND j.enrolled_at IS NOT NULL) AS redeemed_next,
         count(*) FILTER (WHERE j.enrolled_at IS NOT NULL AND j.migrated_at IS NOT NULL) AS enrolled_next,
         count(*) FILTER (WHERE ${needsStepUp}) AS step_up_needed,
         count(j.stepped_up_at) AS stepped_up,
         count(*) FILTER (WHERE ${hasIssueToMigrated}) AS timed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ${issueToMigrated})
           FILTER (WHERE ${hasIssueToMigrated}) AS p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY ${issueToMigrated})
           FILTER (WHERE ${hasIssueToMigrated}) AS p90
  ${journeys}
  GROUP BY GROUPING SETS ((), (COALESCE(l.segment, 'unknown')))`;

type Row = Record<string, string | number | null>;

const count = (row: Row, column: string) => Number(row[column] ?? 0);
const seconds = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000;

function stepCounts(row: Row): StepCounts {
  return {
    journeys: count(row, 'journeys'),
    reached: {
      linked: count(row, 'linked'),
      notified: count(row, 'notified'),
      issued: count(row, 'issued'),
      redeemed: count(row, 'redeemed'),
      enrolled: count(row, 'enrolled'),
      migrated: count(row, 'migrated'),
    },
    continued: {
      linked: count(row, 'linked_next'),
      notified: count(row, 'notified_next'),
      issued: count(row, 'issued_next'),
      redeemed: count(row, 'redeemed_next'),
      enrolled: count(row, 'enrolled_next'),
    },
    stepUpNeeded: count(row, 'step_up_needed'),
    steppedUp: count(row, 'stepped_up'),
    issueToMigrated: {
      journeys: count(row, 'timed'),
      p50Seconds: seconds(row['p50']),
      p90Seconds: seconds(row['p90']),
    },
  };
}

export const emptyCounts: StepCounts = stepCounts({});

export interface WaveCounts {
  overall: StepCounts;
  bySegment: Array<{ segment: string; counts: StepCounts }>;
}

export async function selectWaveCounts(manager: EntityManager, waveId: string): Promise<WaveCounts> {
  const rows: Row[] = await manager.query(countsQuery, [waveId]);
  const overall = rows.find((row) => Number(row['overall']) === 1);
  return {
    overall: overall ? stepCounts(overall) : emptyCounts,
    bySegment: rows
      .filter((row) => Number(row['overall']) === 0)
      .map((row) => ({ segment: String(row['segment']), counts: stepCounts(row) })),
  };
}

export async function selectWaveFacts(
  manager: EntityManager,
  waveId: string,
): Promise<WaveFacts | undefined> {
  const [row]: Row[] = await manager.query(
    `SELECT name, cutoff_at, account_count FROM funnel_wave WHERE wave_id = $1`,
    [waveId],
  );
  if (!row) return undefined;
  return {
    name: row['name'] as string,
    cutoffAt: (row['cutoff_at'] as unknown as Date).toISOString(),
    accountCount: row['account_count'] === null ? null : Number(row['account_count']),
  };
}

export interface KnownWave {
  waveId: string;
  name: string | null;
  cutoffAt: string | null;
  accountCount: number | null;
  journeys: number;
}

/** Waves audit has heard of: described by a plan or launch, or only named by journeys' events. */
export async function selectKnownWaves(manager: EntityManager): Promise<KnownWave[]> {
  const rows: Row[] = await manager.query(`
    SELECT wave_id, w.name, w.cutoff_at, w.account_count, COALESCE(j.journeys, 0) AS journeys
    FROM (SELECT wave_id FROM funnel_wave
          UNION SELECT wave_id FROM funnel_journey WHERE wave_id IS NOT NULL) ids
    LEFT JOIN funnel_wave w USING (wave_id)
    LEFT JOIN (SELECT wave_id, count(*) AS journeys FROM funnel_journey GROUP BY wave_id) j USING (wave_id)
    ORDER BY w.cutoff_at NULLS LAST, wave_id`);
  return rows.map((row) => ({
    waveId: String(row['wave_id']),
    name: (row['name'] as string | null) ?? null,
    cutoffAt: row['cutoff_at'] === null ? null : (row['cutoff_at'] as unknown as Date).toISOString(),
    accountCount: row['account_count'] === null ? null : Number(row['account_count']),
    journeys: Number(row['journeys']),
  }));
}
