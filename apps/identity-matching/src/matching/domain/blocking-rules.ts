import { hashKey, keyPartReader, type KeyPartReader } from './blocking-keys';
import type { ComparedFieldName, LinkageConfig } from './linkage-config';
import type { RecordFeatures } from './record-features';

/**
 * Blocking rules decide which legacy/target pairs are compared at all: comparing every pair of two
 * million-record directories is 10^12 comparisons. Each rule gives a record zero or more keys; a
 * pair is a candidate when both records share a key under some rule. Several loose rules together
 * keep recall high: a typo in the family name escapes the phonetic rule but not the postcode one.
 */
export interface BlockingRule {
  name: string;
  /** A key shared by more target records than this is skipped as unspecific. */
  maxBlockSize: number;
  /** The compared fields the rule's keys are read from. */
  fields: readonly ComparedFieldName[];
  /** Appends the record's keys to `keys` (reused between calls, so it must not be kept). Keys are numbers. */
  keysOf(features: RecordFeatures, index: number, keys: number[]): void;
}

/** At most 16 rules, so that the rules that found a pair fit a 16-bit mask. */
export const MAX_BLOCKING_RULES = 16;

/** The configuration's rules, in its order: that order decides which rules fill a record's budget. */
export function compileBlockingRules(config: LinkageConfig['blocking']): BlockingRule[] {
  if (config.rules.length > MAX_BLOCKING_RULES)
    throw new Error(`at most ${MAX_BLOCKING_RULES} blocking rules`);
  return config.rules.map((spec) => {
    const parts = spec.keys.map(keyPartReader);
    const valuesOfPart: number[][] = parts.map(() => []);
    const combination: number[] = [];
    return {
      name: spec.name,
      maxBlockSize: spec.maxBlockSize ?? config.maxBlockSize,
      fields: [...new Set(parts.flatMap((part) => part.fields))],
      keysOf(features, index, keys) {
        for (let p = 0; p < parts.length; p++) {
          const values = valuesOfPart[p] as number[];
          values.length = 0;
          (parts[p] as KeyPartReader).valuesOf(features, index, values);
          if (values.length === 0) return;
        }
        combine(valuesOfPart, 0, combination, keys);
      },
    };
  });
}

/** Every combination of one value per part, hashed; parts with one value each give one key. */
function combine(valuesOfPart: number[][], part: number, combination: number[], keys: number[]): void {
  if (part === valuesOfPart.length) {
    keys.push(hashKey(combination));
    return;
  }
  for (const value of valuesOfPart[part] as number[]) {
    combination[part] = value;
    combine(valuesOfPart, part + 1, combination, keys);
  }
  combination.length = part;
}

/**
 * Candidate pairs grouped by legacy record (compressed sparse rows): the candidates of legacy
 * record `l` are the entries `legacyOffsets[l]` to `legacyOffsets[l + 1] - 1`. `ruleMasks` has bit
 * `r` set when rule `r` found the pair.
 */
export interface CandidatePairs {
  count: number;
  legacyOffsets: Int32Array;
  targetIndexes: Int32Array;
  ruleMasks: Uint16Array;
  /** Legacy records whose candidates reached the budget before every rule had been applied. */
  recordsAtBudget: number;
}

/**
 * Each rule's `maxBlockSize` bounds the work: a key shared by more target records than that (a
 * generic local part such as "info", a very common name in one year) is too unspecific to be worth
 * comparing. `candidatesPerRecord` bounds it per legacy record: once reached, later rules only
 * mark the pairs already found.
 */
export function findCandidatePairs(
  legacy: RecordFeatures,
  target: RecordFeatures,
  rules: readonly BlockingRule[],
  candidatesPerRecord: number,
): CandidatePairs {
  const blocks = rules.map((rule) => indexTargets(target, rule));
  const legacyOffsets = new Int32Array(legacy.count + 1);
  let targetIndexes = new Int32Array(Math.max(1024, legacy.count * 4));
  let ruleMasks = new Uint16Array(targetIndexes.length);
  let recordsAtBudget = 0;
  // seenBy[t] = l + 1 once target t is a candidate of legacy record l; slotOf[t] is its position.
  const seenBy = new Int32Array(target.count);
  const slotOf = new Int32Array(target.count);
  const keys: number[] = [];
  let count = 0;

  for (let l = 0; l < legacy.count; l++) {
    legacyOffsets[l] = count;
    const budgetEnd = count + candidatesPerRecord;
    let full = false;
    for (let r = 0; r < rules.length; r++) {
      keys.length = 0;
      const rule = rules[r] as BlockingRule;
      rule.keysOf(legacy, l, keys);
      const ruleBlocks = blocks[r] as TargetBlocks;
      for (const key of keys) {
        const block = ruleBlocks.blockOf.get(key);
        if (block === undefined || (ruleBlocks.size[block] as number) > rule.maxBlockSize) continue;
        for (let e = ruleBlocks.head[block] as number; e !== END; e = ruleBlocks.entryNext[e] as number) {
          const t = ruleBlocks.entryTarget[e] as number;
          if (seenBy[t] === l + 1) {
            const slot = slotOf[t] as number;
            ruleMasks[slot] = (ruleMasks[slot] as number) | (1 << r);
            continue;
          }
          if (count === budgetEnd) {
            full = true;
            continue;
          }
          if (count === targetIndexes.length) {
            targetIndexes = grow(targetIndexes, new Int32Array(count * 2));
            ruleMasks = grow(ruleMasks, new Uint16Array(count * 2));
          }
          seenBy[t] = l + 1;
          slotOf[t] = count;
          targetIndexes[count] = t;
          ruleMasks[count] = 1 << r;
          count++;
        }
      }
    }
    if (full) recordsAtBudget++;
  }
  legacyOffsets[legacy.count] = count;
  return {
    count,
    legacyOffsets,
    targetIndexes: targetIndexes.subarray(0, count),
    ruleMasks: ruleMasks.subarray(0, count),
    recordsAtBudget,
  };
}

export function ruleNamesOf(mask: number, ruleNames: readonly string[]): string[] {
  return ruleNames.filter((_, index) => (mask & (1 << index)) !== 0);
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

function grow<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
