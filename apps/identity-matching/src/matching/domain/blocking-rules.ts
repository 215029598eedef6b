import type { RecordFeatures } from './record-features';

/**
 * Blocking rules decide which legacy/target pairs are compared at all: comparing every pair of two
 * million-record directories is 10^12 comparisons. Each rule gives a record zero or more keys; a
 * pair is a candidate when both records share a key under some rule. Several loose rules together
 * keep recall high: a typo in the family name escapes the phonetic rule but not the postcode one.
 */
export interface BlockingRule {
  name: string;
  /** Appends the record's keys to `keys` (reused between calls, so it must not be kept). Keys are numbers. */
  keysOf(features: RecordFeatures, index: number, keys: number[]): void;
}

const LETTER_A = 97;

/** The first letter of an interned folded name, 1–26, or 0. */
function initialOf(features: RecordFeatures, nameId: number): number {
  if (nameId === 0) return 0;
  return features.vocabulary.valueOf(nameId).charCodeAt(0) - LETTER_A + 1;
}

/** Year and the unordered pair (day, month): a date whose day and month were swapped keeps its key. */
function birthDateKey(features: RecordFeatures, index: number): number {
  const year = features.birthYear[index] as number;
  const month = features.birthMonth[index] as number;
  const day = features.birthDay[index] as number;
  if (year === 0) return 0;
  return year * 10_000 + Math.min(month, day) * 100 + Math.max(month, day);
}

export const BLOCKING_RULES: readonly BlockingRule[] = [
  {
    // Year alone puts a hundred Smiths born in 1980 in one block of a million accounts; the full
    // date (day and month in either order) brings that to one or two.
    name: 'family-phonetic+birth-date',
    keysOf(features, index, keys) {
      const phonetic = features.familyPhonetic[index] as number;
      const date = birthDateKey(features, index);
      if (phonetic !== 0 && date !== 0) keys.push(phonetic * 1e8 + date);
    },
  },
  {
    // Finds a wrong day of birth: both names must sound alike instead.
    name: 'names-phonetic+birth-year',
    keysOf(features, index, keys) {
      const family = features.familyPhonetic[index] as number;
      const given = features.givenPhonetic[index] as number;
      const year = features.birthYear[index] as number;
      if (family !== 0 && given !== 0 && year !== 0)
        keys.push((family * 27_000 + given) * 4096 + (year % 4096));
    },
  },
  {
    // A postcode holds thousands of people in some countries; both initials make its blocks small.
    name: 'postcode+initials',
    keysOf(features, index, keys) {
      const postalCode = features.postalCode[index] as number;
      const given = initialOf(features, features.givenName[index] as number);
      const family = initialOf(features, features.familyName[index] as number);
      if (postalCode !== 0 && given > 0 && family > 0) keys.push((postalCode * 32 + given) * 32 + family);
    },
  },
  {
    // Any phone, verified or not: finds accounts whose name and email both changed.
    name: 'phone',
    keysOf(features, index, keys) {
      const phones = features.phones;
      for (let p = phones.offsets[index] as number; p < (phones.offsets[index + 1] as number); p++)
        keys.push(phones.values[p] as number);
    },
  },
  {
    name: 'email-local-part',
    keysOf(features, index, keys) {
      const parts = features.emailLocalParts;
      for (let p = parts.offsets[index] as number; p < (parts.offsets[index + 1] as number); p++)
        keys.push(parts.values[p] as number);
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
  const keys: number[] = [];
  let count = 0;

  for (let l = 0; l < legacy.count; l++) {
    legacyOffsets[l] = count;
    for (let r = 0; r < rules.length; r++) {
      keys.length = 0;
      (rules[r] as BlockingRule).keysOf(legacy, l, keys);
      const ruleBlocks = blocks[r] as TargetBlocks;
      for (const key of keys) {
        const block = ruleBlocks.blockOf.get(key);
        if (block === undefined || (ruleBlocks.size[block] as number) > maxBlockSize) continue;
        for (let e = ruleBlocks.head[block] as number; e !== END; e = ruleBlocks.entryNext[e] as number) {
          const t = ruleBlocks.entryTarget[e] as number;
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

const END = -1;

/**
 * The target records of each key, as linked lists threaded through typed arrays rather than one
 * array per key: a million keys would otherwise be a million small arrays to allocate and collect.
 * An entry is one (key, target record); a record with two phones has two entries.
 */
interface TargetBlocks {
  blockOf: Map<number, number>;
  /** First entry of each block. */
  head: Int32Array;
  size: Int32Array;
  entryTarget: Int32Array;
  entryNext: Int32Array;
}

function indexTargets(target: RecordFeatures, rule: BlockingRule): TargetBlocks {
  const blockOf = new Map<number, number>();
  let head = new Int32Array(1024);
  let size = new Int32Array(1024);
  let entryTarget = new Int32Array(Math.max(1024, target.count));
  let entryNext = new Int32Array(entryTarget.length);
  let entries = 0;
  const keys: number[] = [];
  for (let t = 0; t < target.count; t++) {
    keys.length = 0;
    rule.keysOf(target, t, keys);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as number;
      if (keys.indexOf(key) < k) continue;
      let block = blockOf.get(key);
      if (block === undefined) {
        block = blockOf.size;
        blockOf.set(key, block);
        if (block === head.length) {
          head = grow(head, new Int32Array(block * 2));
          size = grow(size, new Int32Array(block * 2));
        }
        head[block] = END;
      }
      if (entries === entryTarget.length) {
        entryTarget = grow(entryTarget, new Int32Array(entries * 2));
        entryNext = grow(entryNext, new Int32Array(entries * 2));
      }
      entryTarget[entries] = t;
      entryNext[entries] = head[block] as number;
      head[block] = entries;
      size[block] = (size[block] as number) + 1;
      entries++;
    }
  }
  return { blockOf, head, size, entryTarget, entryNext };
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
