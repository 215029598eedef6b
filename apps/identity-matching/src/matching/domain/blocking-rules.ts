import { fieldPresence, hashKey, keyPartReader, type KeyPartReader } from './blocking-keys';
import { KeyIndex } from './key-index';
import { MAX_BLOCKING_RULES, type ComparedFieldName, type LinkageConfig } from './linkage-config';
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
  /**
   * Set when the rule proposes a pair only if one side lacks a field: whether a record has it.
   * Names alone make large blocks, worth walking only where no date of birth can narrow them.
   */
  whenMissing?: (features: RecordFeatures, index: number) => boolean;
  /** Appends the record's keys to `keys` (reused between calls, so it must not be kept). Keys are numbers. */
  keysOf(features: RecordFeatures, index: number, keys: number[]): void;
}

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
      ...(spec.whenMissing === undefined ? {} : { whenMissing: fieldPresence(spec.whenMissing) }),
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
  ruleMasks: Uint32Array;
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
  // For a rule that needs a field missing on one side: the targets that lack it, for the legacy
  // records that have it.
  const blocksLacking = rules.map((rule) => {
    const has = rule.whenMissing;
    return has === undefined ? undefined : indexTargets(target, rule, (t) => !has(target, t));
  });
  const legacyOffsets = new Int32Array(legacy.count + 1);
  let targetIndexes = new Int32Array(Math.max(1024, legacy.count * 4));
  let ruleMasks = new Uint32Array(targetIndexes.length);
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
      const allBlocks = blocks[r] as TargetBlocks;
      const walked = rule.whenMissing?.(legacy, l) === true ? (blocksLacking[r] as TargetBlocks) : allBlocks;
      for (const key of keys) {
        // A key is as unspecific as the number of all its target records, whichever are walked.
        const block = allBlocks.blockOf.get(key);
        if (block < 0) continue;
        if (sizeOf(allBlocks, block) > rule.maxBlockSize) continue;
        const walkedBlock = walked === allBlocks ? block : walked.blockOf.get(key);
        if (walkedBlock < 0) continue;
        const end = walked.starts[walkedBlock + 1] as number;
        for (let e = walked.starts[walkedBlock] as number; e < end; e++) {
          const t = walked.targets[e] as number;
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
            // By half: at a million records the pairs take hundreds of megabytes, and doubling
            // would hold up to twice what is used.
            const length = Math.ceil(count * 1.5);
            targetIndexes = grow(targetIndexes, new Int32Array(length));
            ruleMasks = grow(ruleMasks, new Uint32Array(length));
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
  // The blocks go before the pairs are copied to their size, so the two are never held together.
  blocks.length = 0;
  blocksLacking.length = 0;
  return {
    count,
    legacyOffsets,
    // Copied to their size: a view would keep the spare room of the last growth for the whole run.
    targetIndexes: targetIndexes.slice(0, count),
    ruleMasks: ruleMasks.slice(0, count),
    recordsAtBudget,
  };
}

export function ruleNamesOf(mask: number, ruleNames: readonly string[]): string[] {
  return ruleNames.filter((_, index) => (mask & (1 << index)) !== 0);
}

/**
 * The target records of each key, in one array ordered by block rather than one array per key: a
 * million keys would otherwise be a million small arrays to allocate and collect, and a block's
 * records lie next to each other in memory when a legacy record walks them. Block `b` holds
 * `targets[starts[b]] .. targets[starts[b + 1] - 1]`; a record with two phones is in two blocks.
 */
interface TargetBlocks {
  blockOf: KeyIndex;
  starts: Int32Array;
  targets: Int32Array;
}

function sizeOf(blocks: TargetBlocks, block: number): number {
  return (blocks.starts[block + 1] as number) - (blocks.starts[block] as number);
}

function indexTargets(
  target: RecordFeatures,
  rule: BlockingRule,
  includes: (t: number) => boolean = () => true,
): TargetBlocks {
  // First pass: each (record, key) entry is given its block, and blocks are counted.
  const blockOf = new KeyIndex();
  let sizes = new Int32Array(1024);
  let entryTarget = new Int32Array(Math.max(1024, target.count));
  let entryBlock = new Int32Array(entryTarget.length);
  let entries = 0;
  const keys: number[] = [];
  for (let t = 0; t < target.count; t++) {
    if (!includes(t)) continue;
    keys.length = 0;
    rule.keysOf(target, t, keys);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as number;
      if (keys.indexOf(key) < k) continue;
      const block = blockOf.add(key);
      if (block === sizes.length) sizes = grow(sizes, new Int32Array(block * 2));
      if (entries === entryTarget.length) {
        entryTarget = grow(entryTarget, new Int32Array(entries * 2));
        entryBlock = grow(entryBlock, new Int32Array(entries * 2));
      }
      entryTarget[entries] = t;
      entryBlock[entries] = block;
      sizes[block] = (sizes[block] as number) + 1;
      entries++;
    }
  }
  // Second pass: the entries laid out block by block, in record order within a block.
  const starts = new Int32Array(blockOf.size + 1);
  for (let block = 0; block < blockOf.size; block++)
    starts[block + 1] = (starts[block] as number) + (sizes[block] as number);
  const next = starts.slice(0, blockOf.size);
  const targets = new Int32Array(entries);
  for (let e = 0; e < entries; e++) {
    const block = entryBlock[e] as number;
    targets[next[block] as number] = entryTarget[e] as number;
    next[block] = (next[block] as number) + 1;
  }
  return { blockOf, starts, targets };
}

function grow<T extends Int32Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
