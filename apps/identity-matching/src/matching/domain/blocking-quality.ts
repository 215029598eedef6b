import type { CandidatePairs } from './blocking-rules';
import type { RecordFeatures } from './record-features';

/** What blocking proposed: every run reports it, so a rule that floods or starves shows. */
export interface BlockingSummary {
  candidatePairs: number;
  /** Candidate pairs per legacy record. */
  perRecord: { mean: number; p50: number; p99: number; max: number };
  /** Legacy records that reached the configured budget of candidates. */
  recordsAtBudget: number;
  /** Pairs each rule found (a pair found by two rules counts for both). */
  rules: Array<{ name: string; pairs: number }>;
}

/** Share of the true pairs some rule compares, overall and per rule: blocking's recall. */
export interface PairCompleteness {
  truePairs: number;
  overall: number;
  rules: Array<{ name: string; completeness: number }>;
}

export function summariseBlocking(pairs: CandidatePairs, ruleNames: readonly string[]): BlockingSummary {
  const legacyCount = pairs.legacyOffsets.length - 1;
  const perRecord = new Int32Array(legacyCount);
  for (let l = 0; l < legacyCount; l++)
    perRecord[l] = (pairs.legacyOffsets[l + 1] as number) - (pairs.legacyOffsets[l] as number);
  perRecord.sort();
  const at = (share: number) =>
    legacyCount === 0 ? 0 : (perRecord[Math.min(legacyCount - 1, Math.floor(share * legacyCount))] as number);
  const byRule = new Float64Array(ruleNames.length);
  for (const mask of pairs.ruleMasks) {
    for (let r = 0; r < ruleNames.length; r++)
      if ((mask & (1 << r)) !== 0) byRule[r] = (byRule[r] as number) + 1;
  }
  return {
    candidatePairs: pairs.count,
    perRecord: {
      mean: legacyCount === 0 ? 0 : Math.round((pairs.count / legacyCount) * 100) / 100,
      p50: at(0.5),
      p99: at(0.99),
      max: legacyCount === 0 ? 0 : (perRecord[legacyCount - 1] as number),
    },
    recordsAtBudget: pairs.recordsAtBudget,
    rules: ruleNames.map((name, r) => ({ name, pairs: byRule[r] as number })),
  };
}

/** `truth`: legacy account id → target account id of the same person, as a benchmark knows it. */
export function pairCompleteness(
  pairs: CandidatePairs,
  legacy: RecordFeatures,
  target: RecordFeatures,
  truth: ReadonlyMap<string, string>,
  ruleNames: readonly string[],
): PairCompleteness {
  const targetIndexOf = new Map<string, number>();
  target.accountIds.forEach((id, index) => targetIndexOf.set(id, index));
  let truePairs = 0;
  let found = 0;
  const byRule = new Float64Array(ruleNames.length);
  for (let l = 0; l < legacy.count; l++) {
    const trueTarget = targetIndexOf.get(truth.get(legacy.accountIds[l] as string) ?? '');
    if (trueTarget === undefined) continue;
    truePairs++;
    for (
      let index = pairs.legacyOffsets[l] as number;
      index < (pairs.legacyOffsets[l + 1] as number);
      index++
    ) {
      if (pairs.targetIndexes[index] !== trueTarget) continue;
      found++;
      const mask = pairs.ruleMasks[index] as number;
      for (let r = 0; r < ruleNames.length; r++)
        if ((mask & (1 << r)) !== 0) byRule[r] = (byRule[r] as number) + 1;
      break;
    }
  }
  const share = (count: number) => (truePairs === 0 ? 1 : count / truePairs);
  return {
    truePairs,
    overall: share(found),
    rules: ruleNames.map((name, r) => ({ name, completeness: share(byRule[r] as number) })),
  };
}
