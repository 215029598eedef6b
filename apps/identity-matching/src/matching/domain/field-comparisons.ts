import type { ComparedFieldName, ComparisonSpec, LevelSpec, LinkageConfig } from './linkage-config';
import type { RecordFeatures } from './record-features';
import { jaroWinkler, jaroWinklerCouldReach } from './string-similarity';
import { rowLength, rowsIntersect, type RaggedIds, type Vocabulary } from './vocabulary';

/**
 * The graded comparisons of the Fellegi-Sunter model, built from the linkage configuration. Level
 * 0 of every comparison is "missing": a field absent on either side says nothing, so it weighs 0
 * and is left out of estimation. Then come the configured levels, strongest first (the first that
 * holds is the pair's level), and last "different".
 *
 * A pair's levels are packed into one integer (mixed radix), its comparison pattern: only a few
 * thousand patterns occur, so estimation works on pattern counts, not on pairs.
 */
export interface Comparison {
  name: string;
  field: ComparedFieldName;
  /** 'missing', the configured levels, 'different'. */
  levels: readonly string[];
  /** Per level: whether its weight is adjusted by the frequency of the agreed value. */
  termFrequencyLevels: readonly boolean[];
  /** The interned value that term frequencies count (names, postcodes, attributes), 0 when missing. */
  valueOf(features: RecordFeatures, index: number): number;
  compare(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number;
}

export interface ComparisonSet {
  comparisons: readonly Comparison[];
  levelCounts: readonly number[];
  /** The comparison pattern of legacy record `l` against target record `t`. */
  comparePair(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number;
  /** The level of comparison `comparison` within a pattern. */
  levelOf(pattern: number, comparison: number): number;
}

export function compileComparisons(config: Pick<LinkageConfig, 'comparisons'>): ComparisonSet {
  const comparisons = config.comparisons.map(compileComparison);
  return comparisonSetOf(comparisons);
}

/** Packs comparisons into patterns; also used to read the patterns a stored run wrote. */
export function comparisonSetOf(comparisons: readonly Comparison[]): ComparisonSet {
  const levelCounts = comparisons.map((comparison) => comparison.levels.length);
  const radices = levelCounts.map((_, index) =>
    levelCounts.slice(0, index).reduce((product, count) => product * count, 1),
  );
  const patternCount = levelCounts.reduce((product, count) => product * count, 1);
  // Patterns are stored in 32-bit columns.
  if (patternCount > 2 ** 32) throw new Error('the comparisons have too many level combinations');
  const count = comparisons.length;
  return {
    comparisons,
    levelCounts,
    comparePair(legacy, l, target, t) {
      let pattern = 0;
      for (let c = 0; c < count; c++)
        pattern += (comparisons[c] as Comparison).compare(legacy, l, target, t) * (radices[c] as number);
      return pattern;
    },
    levelOf: (pattern, comparison) =>
      Math.floor(pattern / (radices[comparison] as number)) % (levelCounts[comparison] as number),
  };
}

export function levelLabel(level: LevelSpec): string {
  switch (level.type) {
    case 'jaro_winkler':
      return `jaro-winkler>=${level.threshold}`;
    case 'token_overlap':
      return `tokens>=${level.threshold}${level.samePostcode ? '+postcode' : ''}`;
    case 'similar_local_part':
      return `similar-local-part>=${level.threshold}`;
    default:
      return level.type.replaceAll('_', '-');
  }
}

function compileComparison(spec: ComparisonSpec): Comparison {
  const levels = ['missing', ...spec.levels.map(levelLabel), 'different'];
  const agreesOnValue = (level: LevelSpec) =>
    level.type === 'exact' ||
    level.type === 'same_postcode' ||
    (level.type === 'token_overlap' && level.samePostcode === true);
  const base = {
    name: spec.name,
    field: spec.field,
    levels,
    termFrequencyLevels: [
      false,
      ...spec.levels.map((level) => spec.termFrequency && agreesOnValue(level)),
      false,
    ],
  };
  const different = levels.length - 1;
  const field = spec.field;
  if (field === 'given_name' || field === 'family_name') {
    const own = field === 'given_name' ? 'givenName' : 'familyName';
    const other = field === 'given_name' ? 'familyName' : 'givenName';
    const grade = nameGrader(spec.levels, different);
    return {
      ...base,
      valueOf: (features, index) => features[own][index] as number,
      compare: (legacy, l, target, t) =>
        grade(
          legacy.vocabulary,
          legacy[own][l] as number,
          target[own][t] as number,
          legacy[other][l] as number,
          target[other][t] as number,
        ),
    };
  }
  if (field === 'date_of_birth')
    return { ...base, valueOf: () => 0, compare: dateGrader(spec.levels, different) };
  if (field === 'postcode')
    return {
      ...base,
      valueOf: (features, index) => features.postalCode[index] as number,
      compare: (legacy, l, target, t) =>
        equalIds(legacy.postalCode[l] as number, target.postalCode[t] as number),
    };
  if (field === 'address')
    return { ...base, valueOf: () => 0, compare: addressGrader(spec.levels, different) };
  if (field === 'email') return { ...base, valueOf: () => 0, compare: emailGrader(spec.levels, different) };
  if (field === 'phone')
    return {
      ...base,
      valueOf: () => 0,
      compare: (legacy, l, target, t) => {
        if (rowLength(legacy.phones, l) === 0 || rowLength(target.phones, t) === 0) return 0;
        return rowsIntersect(legacy.phones, l, target.phones, t) ? 1 : 2;
      },
    };
  const name = field.slice('attribute:'.length);
  const valuesOf = (features: RecordFeatures) => features.attributes.get(name) as Int32Array;
  return {
    ...base,
    valueOf: (features, index) => valuesOf(features)[index] as number,
    compare: (legacy, l, target, t) => equalIds(valuesOf(legacy)[l] as number, valuesOf(target)[t] as number),
  };
}

/** For fields with only "exact": missing, exact, different. */
function equalIds(first: number, second: number): number {
  if (first === 0 || second === 0) return 0;
  return first === second ? 1 : 2;
}

// Names repeat (a few thousand given names cover most people), so the similarity of each pair of
// distinct names is computed once and remembered, a pair too unlike to reach `lowest` as 0. The
// bound keeps a pathological directory from growing it forever.
// One map per name, keyed by the other: both keys stay small integers, which V8 hashes fast.
const NAME_SIMILARITY_CACHE_LIMIT = 4_000_000;
interface SimilarityCache {
  byName: Map<number, Map<number, number>>;
  size: number;
}
/** Per vocabulary, per lowest threshold: a 0 remembered for one threshold is wrong for a lower one. */
const nameSimilarities = new WeakMap<Vocabulary, Map<number, SimilarityCache>>();

function similarityCacheOf(words: Vocabulary, lowest: number): SimilarityCache {
  let byThreshold = nameSimilarities.get(words);
  if (byThreshold === undefined) nameSimilarities.set(words, (byThreshold = new Map()));
  let cache = byThreshold.get(lowest);
  if (cache === undefined) byThreshold.set(lowest, (cache = { byName: new Map(), size: 0 }));
  return cache;
}

/** Jaro-Winkler of two distinct names, or 0 when it cannot reach `lowest`. */
function nameSimilarity(
  cache: SimilarityCache,
  words: Vocabulary,
  first: number,
  second: number,
  lowest: number,
): number {
  const low = first < second ? first : second;
  const high = first < second ? second : first;
  let row = cache.byName.get(low);
  if (row === undefined) cache.byName.set(low, (row = new Map()));
  let similarity = row.get(high);
  if (similarity === undefined) {
    const a = words.valueOf(low);
    const b = words.valueOf(high);
    similarity = jaroWinklerCouldReach(a, b, lowest) ? jaroWinkler(a, b) : 0;
    if (cache.size < NAME_SIMILARITY_CACHE_LIMIT) {
      row.set(high, similarity);
      cache.size++;
    }
  }
  return similarity;
}

type NameGrader = (
  words: Vocabulary,
  own: number,
  otherOwn: number,
  cross: number,
  otherCross: number,
) => number;

/**
 * `own` and `otherOwn` are this name on the two sides; `cross` and `otherCross` the other name
 * field, so that "swapped" can see a given name that is the other side's family name.
 */
function nameGrader(specs: readonly LevelSpec[], different: number): NameGrader {
  const lowest = Math.min(...specs.map((spec) => (spec.type === 'jaro_winkler' ? spec.threshold : 1)));
  // The cache of the vocabulary last seen, looked up again only when a new run brings another.
  let cachedWords: Vocabulary | undefined;
  let cache: SimilarityCache | undefined;
  return (words, a, b, aOther, bOther) => {
    if (a === 0 || b === 0) return 0;
    // Computed once per pair, and only when some Jaro-Winkler level is reached.
    let similarity = -1;
    for (let index = 0; index < specs.length; index++) {
      const spec = specs[index] as LevelSpec;
      switch (spec.type) {
        case 'exact':
          if (a === b) return index + 1;
          break;
        case 'swapped':
          if (a === bOther || b === aOther) return index + 1;
          break;
        case 'jaro_winkler':
          if (a === b) return index + 1;
          if (similarity < 0) {
            if (words !== cachedWords || cache === undefined) {
              cachedWords = words;
              cache = similarityCacheOf(words, lowest);
            }
            similarity = nameSimilarity(cache, words, a, b, lowest);
          }
          if (similarity >= spec.threshold) return index + 1;
          break;
        case 'initial':
          if (isInitialOf(words.valueOf(a), words.valueOf(b))) return index + 1;
          break;
        default:
          break;
      }
    }
    return different;
  };
}

/** "j" and "john": one side gave only the initial of the other's name. */
function isInitialOf(first: string, second: string): boolean {
  if (first.length === 1) return second.startsWith(first);
  return second.length === 1 && first.startsWith(second);
}

function dateGrader(specs: readonly LevelSpec[], different: number): Comparison['compare'] {
  return (legacy, l, target, t) => {
    const year = legacy.birthYear[l] as number;
    const otherYear = target.birthYear[t] as number;
    if (year === 0 || otherYear === 0) return 0;
    const month = legacy.birthMonth[l] as number;
    const day = legacy.birthDay[l] as number;
    const otherMonth = target.birthMonth[t] as number;
    const otherDay = target.birthDay[t] as number;
    for (let index = 0; index < specs.length; index++) {
      const type = (specs[index] as LevelSpec).type;
      if (
        type === 'exact'
          ? year === otherYear && month === otherMonth && day === otherDay
          : // Day and month swapped by a form that read 03/04 the other way round.
            type === 'day_month_transposed'
            ? year === otherYear && month !== day && month === otherDay && day === otherMonth
            : type === 'one_digit'
              ? differingDigits(
                  year * 10_000 + month * 100 + day,
                  otherYear * 10_000 + otherMonth * 100 + otherDay,
                ) === 1
              : type === 'same_year'
                ? year === otherYear
                : false
      )
        return index + 1;
    }
    return different;
  };
}

/** Digits in which two YYYYMMDD numbers differ. */
function differingDigits(first: number, second: number): number {
  let differing = 0;
  for (
    let rest = first, other = second;
    rest > 0 || other > 0;
    rest = Math.floor(rest / 10), other = Math.floor(other / 10)
  )
    if (rest % 10 !== other % 10) differing++;
  return differing;
}

/**
 * Address tokens and postcode in one comparison: they are two views of one place, and weighed as
 * independent fields they would count a shared address twice (a housemate would look like the
 * customer). Levels may ask for both to agree, or for either.
 */
function addressGrader(specs: readonly LevelSpec[], different: number): Comparison['compare'] {
  return (legacy, l, target, t) => {
    const tokens = rowLength(legacy.addressTokens, l);
    const otherTokens = rowLength(target.addressTokens, t);
    const postalCode = legacy.postalCode[l] as number;
    const otherPostalCode = target.postalCode[t] as number;
    if ((tokens === 0 && postalCode === 0) || (otherTokens === 0 && otherPostalCode === 0)) return 0;
    const samePostcode = postalCode !== 0 && postalCode === otherPostalCode;
    // Dice coefficient: a flat number added on one side lowers it only a little.
    const overlap =
      tokens === 0 || otherTokens === 0
        ? 0
        : (2 * sharedIds(legacy.addressTokens, l, target.addressTokens, t)) / (tokens + otherTokens);
    for (let index = 0; index < specs.length; index++) {
      const spec = specs[index] as LevelSpec;
      if (spec.type === 'same_postcode' && samePostcode) return index + 1;
      if (
        spec.type === 'token_overlap' &&
        overlap >= spec.threshold &&
        (spec.samePostcode !== true || samePostcode)
      )
        return index + 1;
    }
    return different;
  };
}

function emailGrader(specs: readonly LevelSpec[], different: number): Comparison['compare'] {
  return (legacy, l, target, t) => {
    if (rowLength(legacy.emails, l) === 0 || rowLength(target.emails, t) === 0) return 0;
    for (let index = 0; index < specs.length; index++) {
      const spec = specs[index] as LevelSpec;
      if (
        spec.type === 'exact'
          ? rowsIntersect(legacy.emails, l, target.emails, t)
          : spec.type === 'same_local_part'
            ? rowsIntersect(legacy.emailLocalParts, l, target.emailLocalParts, t)
            : spec.type === 'similar_local_part'
              ? hasSimilarLocalPart(legacy, l, target, t, spec.threshold)
              : false
      )
        return index + 1;
    }
    return different;
  };
}

// The same local part at another provider is its own level: people keep their handle when they
// change provider, but namesakes share it too (john.smith), so the data decides what it is worth.
function hasSimilarLocalPart(
  legacy: RecordFeatures,
  l: number,
  target: RecordFeatures,
  t: number,
  threshold: number,
): boolean {
  const words = legacy.vocabulary;
  const parts = legacy.emailLocalParts;
  const otherParts = target.emailLocalParts;
  for (let a = parts.offsets[l] as number; a < (parts.offsets[l + 1] as number); a++) {
    const localPart = words.valueOf(parts.values[a] as number);
    for (let b = otherParts.offsets[t] as number; b < (otherParts.offsets[t + 1] as number); b++) {
      const other = words.valueOf(otherParts.values[b] as number);
      if (jaroWinklerCouldReach(localPart, other, threshold) && jaroWinkler(localPart, other) >= threshold)
        return true;
    }
  }
  return false;
}

function sharedIds(first: RaggedIds, i: number, second: RaggedIds, j: number): number {
  let shared = 0;
  const otherStart = second.offsets[j] as number;
  const otherEnd = second.offsets[j + 1] as number;
  for (let a = first.offsets[i] as number; a < (first.offsets[i + 1] as number); a++) {
    const id = first.values[a];
    for (let b = otherStart; b < otherEnd; b++) {
      if (second.values[b] === id) {
        shared++;
        break;
      }
    }
  }
  return shared;
}
