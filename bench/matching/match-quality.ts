import type { DataSource } from 'typeorm';

/**
 * How the stored results compare with the generator's truth (bench_truth).
 *
 * A legacy account is predicted to match target X when its account_match row has
 * target_account_id = X, whatever the band and outcome: linked automatically, or sent to review
 * with X as the proposed target. A review case without a proposed target, and an account found
 * new, predict nothing. A predicted pair is correct when bench_truth holds exactly that pair.
 *   precision = correct / predicted,  recall = correct / true pairs,  F1 their harmonic mean.
 * That is the links Rekey would make plus the review cases whose first candidate is right.
 * linked_precision, linked_recall and linked_f1 count the outcome 'linked' only: the verified
 * links, which are reset with nobody looking.
 */
export interface MatchQuality {
  legacyAccounts: number;
  truePairs: number;
  predicted: number;
  correct: number;
  linked: number;
  linkedCorrect: number;
  review: number;
  precision: number;
  recall: number;
  f1: number;
  linkedPrecision: number;
  linkedRecall: number;
  linkedF1: number;
  reviewShare: number;
}

export async function measureMatchQuality(dataSource: DataSource): Promise<MatchQuality> {
  const [row]: Array<Record<string, number>> = await dataSource.query(
    `SELECT count(*)::int AS legacy_accounts,
            count(m.target_account_id)::int AS predicted,
            count(*) FILTER (WHERE m.target_account_id = t.target_account_id)::int AS correct,
            count(*) FILTER (WHERE m.outcome = 'linked')::int AS linked,
            count(*) FILTER (WHERE m.outcome = 'linked' AND m.target_account_id = t.target_account_id)::int
              AS linked_correct,
            count(*) FILTER (WHERE m.outcome = 'review')::int AS review,
            (SELECT count(*)::int FROM bench_truth) AS true_pairs
       FROM account_match m
       LEFT JOIN bench_truth t ON t.legacy_account_id = m.legacy_account_id`,
  );
  const count = (column: string) => (row as Record<string, number>)[column] as number;
  const predicted = count('predicted');
  const correct = count('correct');
  const truePairs = count('true_pairs');
  const precision = ratio(correct, predicted);
  const recall = ratio(correct, truePairs);
  const linkedPrecision = ratio(count('linked_correct'), count('linked'));
  const linkedRecall = ratio(count('linked_correct'), truePairs);
  return {
    legacyAccounts: count('legacy_accounts'),
    truePairs,
    predicted,
    correct,
    linked: count('linked'),
    linkedCorrect: count('linked_correct'),
    review: count('review'),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    linkedPrecision,
    linkedRecall,
    linkedF1: ratio(2 * linkedPrecision * linkedRecall, linkedPrecision + linkedRecall),
    reviewShare: ratio(count('review'), count('legacy_accounts')),
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** The generator's truth, legacy id → target id, for scoring another linker's links the same way. */
export async function readTruth(dataSource: DataSource): Promise<Map<string, string>> {
  const rows: Array<{ legacy_account_id: string; target_account_id: string }> = await dataSource.query(
    'SELECT legacy_account_id, target_account_id FROM bench_truth',
  );
  return new Map(rows.map((row) => [row.legacy_account_id, row.target_account_id]));
}
