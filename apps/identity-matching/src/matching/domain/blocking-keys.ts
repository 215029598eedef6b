import type { ComparedFieldName, KeyPart } from './linkage-config';
import type { RecordFeatures } from './record-features';
import { rowLength, type RaggedIds } from './vocabulary';

/**
 * The values a blocking key is made of. A part gives a record zero values (missing), one, or
 * several (each address word, each phone); a rule's keys are every combination of its parts'
 * values, hashed into one number.
 */
export interface KeyPartReader {
  /** The compared field this part is read from: a rule's own fields are held out of its training. */
  fields: readonly ComparedFieldName[];
  /** Appends the record's values (non-zero integers) to `values`. */
  valuesOf(features: RecordFeatures, index: number, values: number[]): void;
}

const LETTER_A = 97;
const PLACE: ComparedFieldName[] = ['postcode', 'address'];

function single(
  fields: ComparedFieldName[],
  read: (features: RecordFeatures, index: number) => number,
): KeyPartReader {
  return {
    fields,
    valuesOf(features, index, values) {
      const value = read(features, index);
      if (value !== 0) values.push(value);
    },
  };
}

function ragged(fields: ComparedFieldName[], rows: (features: RecordFeatures) => RaggedIds): KeyPartReader {
  return {
    fields,
    valuesOf(features, index, values) {
      const { offsets, values: ids } = rows(features);
      for (let v = offsets[index] as number; v < (offsets[index + 1] as number); v++)
        values.push(ids[v] as number);
    },
  };
}

/** The first letter of an interned folded name, 1–26, or 0. */
function initialOf(features: RecordFeatures, nameId: number): number {
  if (nameId === 0) return 0;
  return features.vocabulary.valueOf(nameId).charCodeAt(0) - LETTER_A + 1;
}

/** A Soundex number's three digits, offset so that "000" is not "missing". */
function soundexDigits(code: number): number {
  return code === 0 ? 0 : (code % 1000) + 1;
}

function birthDate(features: RecordFeatures, index: number, unordered: boolean): number {
  const year = features.birthYear[index] as number;
  const month = features.birthMonth[index] as number;
  const day = features.birthDay[index] as number;
  if (year === 0) return 0;
  // Unordered: the pair (day, month) in either order, so a transposed date keeps its key.
  const first = unordered ? Math.min(month, day) : month;
  const second = unordered ? Math.max(month, day) : day;
  return year * 10_000 + first * 100 + second;
}

const BUILT_IN: Record<Exclude<KeyPart, `attribute:${string}`>, KeyPartReader> = {
  given_name: single(['given_name'], (f, i) => f.givenName[i] as number),
  family_name: single(['family_name'], (f, i) => f.familyName[i] as number),
  given_soundex: single(['given_name'], (f, i) => f.givenPhonetic[i] as number),
  family_soundex: single(['family_name'], (f, i) => f.familyPhonetic[i] as number),
  given_soundex_tail: single(['given_name'], (f, i) => f.givenPhoneticTail[i] as number),
  family_soundex_tail: single(['family_name'], (f, i) => f.familyPhoneticTail[i] as number),
  // The code's digits alone: a first letter mistyped or lost ("Garinson", "Aranson") keeps them.
  given_soundex_digits: single(['given_name'], (f, i) => soundexDigits(f.givenPhonetic[i] as number)),
  family_soundex_digits: single(['family_name'], (f, i) => soundexDigits(f.familyPhonetic[i] as number)),
  given_initial: single(['given_name'], (f, i) => initialOf(f, f.givenName[i] as number)),
  family_initial: single(['family_name'], (f, i) => initialOf(f, f.familyName[i] as number)),
  // Both codes present, smaller first: "Jones Mary" and "Mary Jones" share it.
  names_soundex_unordered: single(['given_name', 'family_name'], (f, i) => {
    const given = f.givenPhonetic[i] as number;
    const family = f.familyPhonetic[i] as number;
    if (given === 0 || family === 0) return 0;
    return Math.min(given, family) * 32_768 + Math.max(given, family);
  }),
  date_of_birth: single(['date_of_birth'], (f, i) => birthDate(f, i, false)),
  date_of_birth_unordered: single(['date_of_birth'], (f, i) => birthDate(f, i, true)),
  birth_year: single(['date_of_birth'], (f, i) => f.birthYear[i] as number),
  // Day and month without the year: a mistyped year digit keeps it.
  birth_month_day: single(['date_of_birth'], (f, i) =>
    f.birthYear[i] === 0 ? 0 : (f.birthMonth[i] as number) * 100 + (f.birthDay[i] as number),
  ),
  // Postcode and address are two views of one place: a rule on either holds both out of training.
  postcode: single(PLACE, (f, i) => f.postalCode[i] as number),
  street_number: single(PLACE, (f, i) => f.streetNumber[i] as number),
  address_token: ragged(PLACE, (f) => f.addressWords),
  street_line: single(PLACE, (f, i) => f.streetLine[i] as number),
  locality: single(PLACE, (f, i) => f.locality[i] as number),
  email: ragged(['email'], (f) => f.emails),
  email_local_part: ragged(['email'], (f) => f.emailLocalParts),
  phone: ragged(['phone'], (f) => f.phones),
};

export function keyPartReader(part: KeyPart): KeyPartReader {
  if (part.startsWith('attribute:')) {
    const name = part.slice('attribute:'.length);
    return single(
      [part as ComparedFieldName],
      (features, index) => features.attributes.get(name)?.[index] ?? 0,
    );
  }
  return BUILT_IN[part as Exclude<KeyPart, `attribute:${string}`>];
}

/** Whether a record has a value for the compared field, as its comparison sees it (0 = missing). */
export function fieldPresence(
  field: ComparedFieldName,
): (features: RecordFeatures, index: number) => boolean {
  switch (field) {
    case 'given_name':
      return (f, i) => f.givenName[i] !== 0;
    case 'family_name':
      return (f, i) => f.familyName[i] !== 0;
    case 'date_of_birth':
      return (f, i) => f.birthYear[i] !== 0;
    case 'postcode':
      return (f, i) => f.postalCode[i] !== 0;
    case 'address':
      return (f, i) => f.postalCode[i] !== 0 || rowLength(f.addressTokens, i) > 0;
    case 'email':
      return (f, i) => rowLength(f.emails, i) > 0;
    case 'phone':
      return (f, i) => rowLength(f.phones, i) > 0;
    default: {
      const name = field.slice('attribute:'.length);
      return (f, i) => (f.attributes.get(name)?.[i] ?? 0) !== 0;
    }
  }
}

/**
 * Hashes a combination of part values into a safe integer (two 32-bit lanes, 53 bits kept). Two
 * different combinations sharing a hash only make one extra candidate pair, which the comparison
 * then scores as what it is.
 */
export function hashKey(values: readonly number[]): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (const value of values) {
    high = Math.imul(high ^ value, 0x9e3779b1);
    high ^= high >>> 15;
    low = Math.imul(low ^ value, 0x85ebca77);
    low ^= low >>> 13;
    low = Math.imul(low, 0xc2b2ae35);
  }
  return (high >>> 0) * 2_097_152 + ((low >>> 0) >>> 11);
}
