import type { DirectoryRecord } from './directory-record';

/**
 * The noise profiles of generateSyntheticDirectories. `standard` is the population the demo, the
 * specs and the matching benchmark's figures were built on. `realistic` adds what duplicates in
 * real legacy CIAM exports carry: see REALISTIC_NOISE_RATES.
 */
export const NOISE_PROFILES = ['standard', 'realistic'] as const;
export type NoiseProfile = (typeof NOISE_PROFILES)[number];

export function isNoiseProfile(value: string): value is NoiseProfile {
  return (NOISE_PROFILES as readonly string[]).includes(value);
}

/**
 * What the `realistic` profile adds to the standard noise. Rates are shares of people who have
 * both accounts (true pairs) unless said otherwise. Each pair draws at most one kind from each
 * group (names, date of birth, address), so a group's kinds never mask each other; other noise
 * (the standard typos, moves, missing dates) can still hide a few, so the share seen in the output
 * may be a little lower. "One side" is the legacy or the target account, at even odds.
 */
export const REALISTIC_NOISE_RATES = {
  /**
   * Population: share of people who carry one of the 30 most common family names (smith, jones,
   * taylor…), in their British proportions: smith alone is about one person in forty.
   */
  commonFamilyNames: 0.2,
  /**
   * Population: share of people who carry one of the 10 most common given names (james, mary,
   * john…), weighted 1/√rank: james is about one person in seventeen.
   */
  commonGivenNames: 0.3,
  /** Legacy accounts (all of them): no email and no phone at all, only names, date of birth and address. */
  legacyWithoutContact: 0.25,
  names: {
    /** Given and family names swapped on one side. */
    swapped: 0.03,
    /** Another family name on one side (marriage). */
    familyNameChanged: 0.05,
    /** No family name on one side. */
    familyNameMissing: 0.03,
    /** No given name on one side. */
    givenNameMissing: 0.02,
    /** The first letter of the given or family name substituted or deleted, on one side. */
    firstLetterTypo: 0.03,
  },
  dateOfBirth: {
    /** Legacy: text that is no calendar date (`1945-04-93`, `1980-13-01`, `31/02/1980`, `0000-00-00`). */
    invalid: 0.03,
    /** Legacy: day and month swapped, whatever the day, so a day above 12 gives invalid text. */
    transposed: 0.04,
    /** Legacy: one digit of the year's decade, month or day wrong, still a calendar date. */
    digitTypo: 0.03,
    /** No date of birth on one side. */
    missing: 0.05,
  },
  address: {
    /** Legacy: the same street and locality under another postcode (moved along it, or re-coded). */
    postcodeChanged: 0.04,
    /** No address on one side. */
    missing: 0.05,
  },
} as const;

// Family names by frequency per 10,000 people in Britain (rounded): the top 30 hold about 10% of
// the population; the profile doubles that share, so agreeing on "smith" says little.
const COMMON_FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['smith', 126],
  ['jones', 75],
  ['williams', 55],
  ['taylor', 50],
  ['brown', 48],
  ['davies', 47],
  ['evans', 35],
  ['wilson', 34],
  ['thomas', 34],
  ['johnson', 33],
  ['roberts', 32],
  ['robinson', 30],
  ['thompson', 30],
  ['wright', 29],
  ['walker', 28],
  ['white', 27],
  ['edwards', 26],
  ['hughes', 26],
  ['green', 25],
  ['hall', 25],
  ['lewis', 24],
  ['harris', 24],
  ['clarke', 24],
  ['patel', 24],
  ['jackson', 23],
  ['wood', 22],
  ['turner', 21],
  ['martin', 21],
  ['cooper', 21],
  ['hill', 20],
];
const COMMON_GIVEN_NAME_COUNT = 10;
const INVALID_SLASH_DATES = ['30/02', '31/02', '29/02', '31/04', '31/06', '31/09', '31/11'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The person's own values, as the population holds them before either account is written. */
export interface TruePerson {
  dateOfBirth: string;
  street: string;
  postalCode: string;
  locality: string;
}

export interface RealisticNoise {
  givenName(names: readonly string[]): string;
  familyName(rareName: () => string): string;
  /** Noise on every legacy account, whether or not its person has a target account. */
  addToLegacy(legacy: DirectoryRecord): void;
  /** Noise on the two accounts of one person. */
  addToPair(
    person: TruePerson,
    legacy: DirectoryRecord,
    target: DirectoryRecord,
    otherFamily: () => string,
  ): void;
}

/** Draws only from `random`, so a seed gives the same realistic population every time. */
export function realisticNoise(random: () => number): RealisticNoise {
  const rates = REALISTIC_NOISE_RATES;
  const chance = (probability: number) => random() < probability;
  const below = (count: number) => Math.floor(random() * count);
  const eitherSide = (legacy: DirectoryRecord, target: DirectoryRecord) => (chance(0.5) ? legacy : target);
  const familyWeights = cumulative(COMMON_FAMILY_NAMES.map(([, weight]) => weight));
  const givenWeights = cumulative(
    Array.from({ length: COMMON_GIVEN_NAME_COUNT }, (_, rank) => 1 / Math.sqrt(rank + 1)),
  );

  return {
    givenName(names) {
      if (chance(rates.commonGivenNames)) return names[drawIndex(givenWeights, random())] as string;
      return names[COMMON_GIVEN_NAME_COUNT + below(names.length - COMMON_GIVEN_NAME_COUNT)] as string;
    },
    familyName(rareName) {
      if (!chance(rates.commonFamilyNames)) return rareName();
      return (COMMON_FAMILY_NAMES[drawIndex(familyWeights, random())] as readonly [string, number])[0];
    },
    addToLegacy(legacy) {
      if (!chance(rates.legacyWithoutContact)) return;
      legacy.emails = [];
      legacy.phones = [];
    },
    addToPair(person, legacy, target, otherFamily) {
      addNameNoise(legacy, target, otherFamily);
      addDateOfBirthNoise(person.dateOfBirth, legacy, target);
      addAddressNoise(person, legacy, target);
    },
  };

  function addNameNoise(legacy: DirectoryRecord, target: DirectoryRecord, otherFamily: () => string): void {
    const kind = drawKind(rates.names);
    const side = eitherSide(legacy, target);
    if (kind === 'swapped') {
      [side.givenName, side.familyName] = [side.familyName, side.givenName];
    } else if (kind === 'familyNameChanged') {
      let family = otherFamily();
      while (family === side.familyName) family = otherFamily();
      side.familyName = family;
    } else if (kind === 'familyNameMissing') {
      side.familyName = undefined;
    } else if (kind === 'givenNameMissing') {
      side.givenName = undefined;
    } else if (kind === 'firstLetterTypo') {
      if (chance(0.5)) side.givenName = firstLetterTypoOf(side.givenName);
      else side.familyName = firstLetterTypoOf(side.familyName);
    }
  }

  /** One draw picks at most one kind of a group, each at its rate. */
  function drawKind<Kind extends string>(kinds: Readonly<Record<Kind, number>>): Kind | undefined {
    let draw = random();
    for (const [kind, rate] of Object.entries(kinds) as Array<[Kind, number]>) {
      if (draw < rate) return kind;
      draw -= rate;
    }
    return undefined;
  }

  function firstLetterTypoOf(name: string | undefined): string | undefined {
    if (name === undefined || name.length < 3) return name;
    if (chance(0.5)) return name.slice(1);
    let letter = LETTERS.charAt(below(LETTERS.length));
    while (letter === name.charAt(0)) letter = LETTERS.charAt(below(LETTERS.length));
    return letter + name.slice(1);
  }

  function addDateOfBirthNoise(date: string, legacy: DirectoryRecord, target: DirectoryRecord): void {
    const kind = drawKind(rates.dateOfBirth);
    if (kind === 'invalid') setLegacyDate(legacy, invalidDateText(date));
    else if (kind === 'transposed') setLegacyDate(legacy, transposedDate(date));
    else if (kind === 'digitTypo') setLegacyDate(legacy, digitTypoOf(date));
    else if (kind === 'missing') {
      const side = eitherSide(legacy, target);
      side.dateOfBirth = undefined;
      side.invalidDateOfBirth = undefined;
    }
  }

  function addAddressNoise(person: TruePerson, legacy: DirectoryRecord, target: DirectoryRecord): void {
    const kind = drawKind(rates.address);
    if (kind === 'postcodeChanged') {
      let postalCode = person.postalCode;
      while (postalCode === person.postalCode) postalCode = String(10_000 + below(40_000));
      legacy.address = { lines: [person.street], locality: person.locality, postalCode };
    } else if (kind === 'missing') {
      eitherSide(legacy, target).address = undefined;
    }
  }

  function invalidDateText(date: string): string {
    const [year, month, day] = date.split('-') as [string, string, string];
    const form = below(4);
    if (form === 0) return `${year}-${month}-${32 + below(68)}`;
    if (form === 1) return `${year}-${13 + below(7)}-${day}`;
    if (form === 2) return `${INVALID_SLASH_DATES[below(INVALID_SLASH_DATES.length)]}/${year}`;
    return '0000-00-00';
  }

  function digitTypoOf(date: string): string {
    // Year's decade and unit, month, day: the century is rarely mistyped.
    const at = [2, 3, 5, 6, 8, 9][below(6)] as number;
    const typed = replaceDigit(date, at);
    // A typo that makes no date belongs to `invalid`; this kind stays a plausible wrong date.
    return isCalendarDate(typed) ? typed : replaceDigit(date, 3);
  }

  function replaceDigit(date: string, at: number): string {
    const old = Number(date.charAt(at));
    return date.slice(0, at) + String((old + 1 + below(9)) % 10) + date.slice(at + 1);
  }
}

function setLegacyDate(legacy: DirectoryRecord, text: string): void {
  const valid = isCalendarDate(text);
  legacy.dateOfBirth = valid ? text : undefined;
  legacy.invalidDateOfBirth = valid ? undefined : text;
}

function transposedDate(date: string): string {
  const [year, month, day] = date.split('-') as [string, string, string];
  return `${year}-${day}-${month}`;
}

/** YYYY-MM-DD naming a day that exists, as identity-matching's importer requires. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
}

function drawIndex(cumulativeWeights: readonly number[], draw: number): number {
  const index = cumulativeWeights.findIndex((bound) => draw < bound);
  return index === -1 ? cumulativeWeights.length - 1 : index;
}
