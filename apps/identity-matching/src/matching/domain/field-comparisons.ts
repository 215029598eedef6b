import type { RecordFeatures } from './record-features';
import { jaroWinkler } from './string-similarity';
import { rowLength, rowsIntersect, type RaggedIds, type Vocabulary } from './vocabulary';

/**
 * The graded comparisons of the Fellegi-Sunter model. Level 0 of every comparison is "missing":
 * a field absent on either side says nothing, so it weighs 0 and is left out of estimation. The
 * other levels run from the strongest agreement to "different".
 *
 * A pair's levels are packed into one integer (mixed radix), its comparison pattern: there are a
 * few thousand patterns at most, so estimation and scoring work on pattern counts, not on pairs.
 */
export const COMPARED_FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'address',
  'email',
  'phone',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

const NAME_LEVELS = ['missing', 'exact', 'jaro-winkler>=0.92', 'jaro-winkler>=0.80', 'different'];

export const COMPARISON_LEVELS: Record<ComparedField, readonly string[]> = {
  givenName: NAME_LEVELS,
  familyName: NAME_LEVELS,
  dateOfBirth: ['missing', 'exact', 'day-month-transposed', 'same-year', 'different'],
  address: ['missing', 'most-tokens', 'some-tokens', 'same-postcode', 'different'],
  // The same local part at another provider is its own level: people keep their handle when they
  // change provider, but namesakes share it too (john.smith), so the data decides what it is worth.
  email: ['missing', 'exact', 'same-local-part', 'similar-local-part', 'different'],
  phone: ['missing', 'exact', 'different'],
};

export const LEVEL_COUNTS: readonly number[] = COMPARED_FIELDS.map(
  (field) => COMPARISON_LEVELS[field].length,
);
const RADICES: readonly number[] = LEVEL_COUNTS.map((_, index) =>
  LEVEL_COUNTS.slice(0, index).reduce((product, count) => product * count, 1),
);
export const PATTERN_COUNT = LEVEL_COUNTS.reduce((product, count) => product * count, 1);

const STRONG_NAME_SIMILARITY = 0.92;
const WEAK_NAME_SIMILARITY = 0.8;
const SIMILAR_EMAIL_LOCAL_PART = 0.88;
const MOST_ADDRESS_TOKENS = 0.8;
const SOME_ADDRESS_TOKENS = 0.4;

/** The comparison pattern of legacy record `l` against target record `t`. */
export function comparePair(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number {
  const words = legacy.vocabulary;
  return (
    compareNameIds(words, legacy.givenName[l] as number, target.givenName[t] as number) +
    compareNameIds(words, legacy.familyName[l] as number, target.familyName[t] as number) *
      (RADICES[1] as number) +
    compareDateOfBirth(legacy, l, target, t) * (RADICES[2] as number) +
    compareAddress(legacy, l, target, t) * (RADICES[3] as number) +
    compareEmails(legacy, l, target, t) * (RADICES[4] as number) +
    comparePhones(legacy, l, target, t) * (RADICES[5] as number)
  );
}

/** The level of comparison `comparison` within a pattern. */
export function levelOf(pattern: number, comparison: number): number {
  return Math.floor(pattern / (RADICES[comparison] as number)) % (LEVEL_COUNTS[comparison] as number);
}

export function compareName(first: string, second: string): number {
  if (first.length === 0 || second.length === 0) return 0;
  if (first === second) return 1;
  const similarity = jaroWinkler(first, second);
  if (similarity >= STRONG_NAME_SIMILARITY) return 2;
  return similarity >= WEAK_NAME_SIMILARITY ? 3 : 4;
}

// Names repeat (a few thousand given names cover most people), so each pair of distinct names is
// graded once and remembered. The bound keeps a pathological directory from growing it forever.
const NAME_LEVEL_CACHE_LIMIT = 4_000_000;
const nameLevelCaches = new WeakMap<Vocabulary, Map<number, number>>();

function compareNameIds(words: Vocabulary, first: number, second: number): number {
  if (first === 0 || second === 0) return 0;
  if (first === second) return 1;
  let cache = nameLevelCaches.get(words);
  if (cache === undefined) nameLevelCaches.set(words, (cache = new Map()));
  const key = first < second ? first * 0x4000000 + second : second * 0x4000000 + first;
  let level = cache.get(key);
  if (level === undefined) {
    level = compareName(words.valueOf(first), words.valueOf(second));
    if (cache.size < NAME_LEVEL_CACHE_LIMIT) cache.set(key, level);
  }
  return level;
}

function compareDateOfBirth(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number {
  const year = legacy.birthYear[l] as number;
  const otherYear = target.birthYear[t] as number;
  if (year === 0 || otherYear === 0) return 0;
  if (year !== otherYear) return 4;
  const month = legacy.birthMonth[l] as number;
  const day = legacy.birthDay[l] as number;
  const otherMonth = target.birthMonth[t] as number;
  const otherDay = target.birthDay[t] as number;
  if (month === otherMonth && day === otherDay) return 1;
  // Day and month swapped by a form that read 03/04 the other way round.
  if (month === otherDay && day === otherMonth) return 2;
  return 3;
}

function compareAddress(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number {
  const tokens = rowLength(legacy.addressTokens, l);
  const otherTokens = rowLength(target.addressTokens, t);
  const postalCode = legacy.postalCode[l] as number;
  const otherPostalCode = target.postalCode[t] as number;
  if ((tokens === 0 && postalCode === 0) || (otherTokens === 0 && otherPostalCode === 0)) return 0;
  if (tokens > 0 && otherTokens > 0) {
    // Dice coefficient: a flat number added on one side lowers it only a little.
    const overlap =
      (2 * sharedIds(legacy.addressTokens, l, target.addressTokens, t)) / (tokens + otherTokens);
    if (overlap >= MOST_ADDRESS_TOKENS) return 1;
    if (overlap >= SOME_ADDRESS_TOKENS) return 2;
  }
  return postalCode !== 0 && postalCode === otherPostalCode ? 3 : 4;
}

function compareEmails(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number {
  if (rowLength(legacy.emails, l) === 0 || rowLength(target.emails, t) === 0) return 0;
  if (rowsIntersect(legacy.emails, l, target.emails, t)) return 1;
  if (rowsIntersect(legacy.emailLocalParts, l, target.emailLocalParts, t)) return 2;
  const words = legacy.vocabulary;
  const parts = legacy.emailLocalParts;
  const otherParts = target.emailLocalParts;
  let best = 0;
  for (let a = parts.offsets[l] as number; a < (parts.offsets[l + 1] as number); a++) {
    const localPart = words.valueOf(parts.values[a] as number);
    for (let b = otherParts.offsets[t] as number; b < (otherParts.offsets[t + 1] as number); b++) {
      best = Math.max(best, jaroWinkler(localPart, words.valueOf(otherParts.values[b] as number)));
    }
  }
  return best >= SIMILAR_EMAIL_LOCAL_PART ? 3 : 4;
}

function comparePhones(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number {
  if (rowLength(legacy.phones, l) === 0 || rowLength(target.phones, t) === 0) return 0;
  return rowsIntersect(legacy.phones, l, target.phones, t) ? 1 : 2;
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
