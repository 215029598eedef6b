import { readFileSync } from 'node:fs';

/**
 * Splink's links scored as Rekey's are (match-quality.ts): one target per legacy account, a pair
 * correct when the generator's truth holds exactly that pair.
 *   precision = correct / predicted,  recall = correct / true pairs,  F1 their harmonic mean.
 */
export interface PairQuality {
  predicted: number;
  correct: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scorePairs(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): PairQuality {
  let correct = 0;
  for (const [legacyId, targetId] of predicted) if (truth.get(legacyId) === targetId) correct++;
  const precision = ratio(correct, predicted.size);
  const recall = ratio(correct, truth.size);
  return {
    predicted: predicted.size,
    correct,
    truePairs: truth.size,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}

/**
 * Reads link_with_splink.py's links: a header, then legacy_id,target_id,probability. The ids are
 * the generator's (L-…, T-…), which DuckDB writes unquoted.
 */
export function readSplinkLinks(file: string): Map<string, string> {
  const links = new Map<string, string>();
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [legacyId, targetId] = line.split(',') as [string, string];
    if (links.has(legacyId)) throw new Error(`${file}: ${legacyId} has more than one target`);
    links.set(legacyId, targetId);
  }
  return links;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
