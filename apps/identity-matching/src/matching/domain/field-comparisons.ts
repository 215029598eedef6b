import type { RecordFeatures } from './record-features';
import { jaroWinkler } from './string-similarity';

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
  return (
    compareName(legacy.givenName[l] as string, target.givenName[t] as string) +
    compareName(legacy.familyName[l] as string, target.familyName[t] as string) * (RADICES[1] as number) +
    compareDateOfBirth(legacy, l, target, t) * (RADICES[2] as number) +
    compareAddress(legacy, l, target, t) * (RADICES[3] as number) +
    compareEmails(legacy, l, target, t) * (RADICES[4] as number) +
    comparePhones(legacy.phones[l] as string[], target.phones[t] as string[]) * (RADICES[5] as number)
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
  const tokens = legacy.addressTokens[l] as string[];
  const otherTokens = target.addressTokens[t] as string[];
  const postalCode = legacy.postalCode[l] as string;
  const otherPostalCode = target.postalCode[t] as string;
  const hasAddress = tokens.length > 0 || postalCode.length > 0;
  const otherHasAddress = otherTokens.length > 0 || otherPostalCode.length > 0;
  if (!hasAddress || !otherHasAddress) return 0;
  if (tokens.length > 0 && otherTokens.length > 0) {
    let shared = 0;
    for (const token of tokens) if (otherTokens.includes(token)) shared++;
    // Dice coefficient: a flat number added on one side lowers it only a little.
    const overlap = (2 * shared) / (tokens.length + otherTokens.length);
    if (overlap >= MOST_ADDRESS_TOKENS) return 1;
    if (overlap >= SOME_ADDRESS_TOKENS) return 2;
  }
  return postalCode.length > 0 && postalCode === otherPostalCode ? 3 : 4;
}

function compareEmails(legacy: RecordFeatures, l: number, target: RecordFeatures, t: number): number {
  const emails = legacy.emails[l] as string[];
  const otherEmails = target.emails[t] as string[];
  if (emails.length === 0 || otherEmails.length === 0) return 0;
  for (const email of emails) if (otherEmails.includes(email)) return 1;
  const localParts = legacy.emailLocalParts[l] as string[];
  const otherLocalParts = target.emailLocalParts[t] as string[];
  let best = 0;
  for (const localPart of localParts) {
    for (const other of otherLocalParts) {
      if (localPart === other) return 2;
      const similarity = jaroWinkler(localPart, other);
      if (similarity > best) best = similarity;
    }
  }
  return best >= SIMILAR_EMAIL_LOCAL_PART ? 3 : 4;
}

function comparePhones(phones: string[], otherPhones: string[]): number {
  if (phones.length === 0 || otherPhones.length === 0) return 0;
  for (const phone of phones) if (otherPhones.includes(phone)) return 1;
  return 2;
}
