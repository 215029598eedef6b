import type { RecordFeatures } from './record-features';

/**
 * Blocking rules decide which legacy/target pairs are compared at all: comparing every pair of two
 * million-record directories is 10^12 comparisons. Each rule gives a record zero or more keys; a
 * pair is a candidate when both records share a key under some rule. Several loose rules together
 * keep recall high: a typo in the family name escapes the phonetic rule but not the postcode one.
 */
export interface BlockingRule {
  name: string;
  /** Appends the record's keys to `keys` (reused between calls, so it must not be kept). */
  keysOf(features: RecordFeatures, index: number, keys: string[]): void;
}

export const BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: 'family-phonetic+birth-year',
    keysOf(features, index, keys) {
      const phonetic = features.familyPhonetic[index] as string;
      const year = features.birthYear[index] as number;
      if (phonetic.length > 0 && year > 0) keys.push(`${phonetic}|${year}`);
    },
  },
  {
    name: 'postcode+given-initial',
    keysOf(features, index, keys) {
      const postalCode = features.postalCode[index] as string;
      const given = features.givenName[index] as string;
      if (postalCode.length > 0 && given.length > 0) keys.push(`${postalCode}|${given.charAt(0)}`);
    },
  },
  {
    // Four digits alone put about a hundred accounts per key in a million; the given-name initial
    // brings that down to a handful while still finding accounts whose name or email changed.
    name: 'phone-last-4+given-initial',
    keysOf(features, index, keys) {
      const given = features.givenName[index] as string;
      if (given.length === 0) return;
      for (const phone of features.phones[index] as string[]) {
        if (phone.length >= 4) keys.push(`${phone.slice(-4)}|${given.charAt(0)}`);
      }
    },
  },
  {
    name: 'email-local-part',
    keysOf(features, index, keys) {
      for (const localPart of features.emailLocalParts[index] as string[]) keys.push(localPart);
    },
  },
];

/**
 * Candidate pairs grouped by legacy record (compressed sparse rows): the candidates of legacy
 * record `l` are the entries `legacyOffsets[l]` to `legacyOffsets[l + 1] - 1`. `ruleMasks` has bit
 * `r` set when rule `r` found the pair.
 */
export interface CandidatePairs {
  count: number;
  legacyOffsets: Int32Array;
  targetIndexes: Int32Array;
  ruleMasks: Uint8Array;
}

/**
 * `maxBlockSize` bounds the work: a key shared by more target records than that (a generic local
 * part such as "info", a very common name in one year) is too unspecific to be worth comparing.
 */
export function findCandidatePairs(
  legacy: RecordFeatures,
  target: RecordFeatures,
  maxBlockSize: number,
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): CandidatePairs {
  const blocks = rules.map((rule) => indexTargets(target, rule));
  const legacyOffsets = new Int32Array(legacy.count + 1);
  let targetIndexes = new Int32Array(Math.max(1024, legacy.count * 4));
  let ruleMasks = new Uint8Array(targetIndexes.length);
  // seenBy[t] = l + 1 once target t is a candidate of legacy record l; slotOf[t] is its position.
  const seenBy = new Int32Array(target.count);
  const slotOf = new Int32Array(target.count);
  const keys: string[] = [];
  let count = 0;

  for (let l = 0; l < legacy.count; l++) {
    legacyOffsets[l] = count;
    for (let r = 0; r < rules.length; r++) {
      keys.length = 0;
      (rules[r] as BlockingRule).keysOf(legacy, l, keys);
      const block = blocks[r] as Map<string, number[]>;
      for (const key of keys) {
        const members = block.get(key);
        if (members === undefined || members.length > maxBlockSize) continue;
        for (const t of members) {
          if (seenBy[t] === l + 1) {
            const slot = slotOf[t] as number;
            ruleMasks[slot] = (ruleMasks[slot] as number) | (1 << r);
            continue;
          }
          if (count === targetIndexes.length) {
            targetIndexes = grow(targetIndexes, new Int32Array(count * 2));
            ruleMasks = grow(ruleMasks, new Uint8Array(count * 2));
          }
          seenBy[t] = l + 1;
          slotOf[t] = count;
          targetIndexes[count] = t;
          ruleMasks[count] = 1 << r;
          count++;
        }
      }
    }
  }
  legacyOffsets[legacy.count] = count;
  return {
    count,
    legacyOffsets,
    targetIndexes: targetIndexes.subarray(0, count),
    ruleMasks: ruleMasks.subarray(0, count),
  };
}

export function ruleNamesOf(mask: number, rules: readonly BlockingRule[] = BLOCKING_RULES): string[] {
  return rules.filter((_, index) => (mask & (1 << index)) !== 0).map((rule) => rule.name);
}

function indexTargets(target: RecordFeatures, rule: BlockingRule): Map<string, number[]> {
  const block = new Map<string, number[]>();
  const keys: string[] = [];
  for (let t = 0; t < target.count; t++) {
    keys.length = 0;
    rule.keysOf(target, t, keys);
    for (const key of keys) {
      const members = block.get(key);
      if (members === undefined) block.set(key, [t]);
      else if (members[members.length - 1] !== t) members.push(t);
    }
  }
  return block;
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
