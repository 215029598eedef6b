/**
 * The best few targets an account found `new` came close to, when the run stored them with its
 * evidence: a reviewer sees how near "new" was to a link. Read defensively, since rows written
 * before near misses were kept have none and a malformed entry must not break a listing.
 */
export interface NearMiss {
  targetId: string;
  probability: number;
  weight: number;
}

export function nearMissesOf(stored: unknown): NearMiss[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  const nearMisses: NearMiss[] = [];
  for (const entry of stored as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { targetId, probability, weight } = entry as Record<string, unknown>;
    if (typeof targetId !== 'string' || !isFiniteNumber(probability) || !isFiniteNumber(weight)) continue;
    nearMisses.push({ targetId, probability, weight });
  }
  return nearMisses;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
