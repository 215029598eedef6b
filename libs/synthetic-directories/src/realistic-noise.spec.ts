import type { DirectoryRecord } from './directory-record';
import { isCalendarDate, REALISTIC_NOISE_RATES as rates } from './realistic-noise';
import { generateSyntheticDirectories, type SyntheticDirectories } from './synthetic-directories';

const now = new Date('2026-01-15T00:00:00Z');
const people = 20_000;
const realistic = generateSyntheticDirectories({ people, seed: 11, now, noise: 'realistic' });
const standard = generateSyntheticDirectories({ people, seed: 11, now });

type Pair = [legacy: DirectoryRecord, target: DirectoryRecord];

function truePairs({ legacy, target, truth }: SyntheticDirectories): Pair[] {
  const legacyById = new Map(legacy.map((record) => [record.id, record]));
  const targetById = new Map(target.map((record) => [record.id, record]));
  return [...truth].map(([legacyId, targetId]) => [legacyById.get(legacyId)!, targetById.get(targetId)!]);
}

function shareOf<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.filter(test).length / items.length;
}

/** Share of true pairs showing a kind, in the realistic population and in the standard one. */
function pairShares(test: (legacy: DirectoryRecord, target: DirectoryRecord) => boolean) {
  const share = (pairs: Pair[]) => shareOf(pairs, ([legacy, target]) => test(legacy, target));
  return { realistic: share(truePairs(realistic)), standard: share(truePairs(standard)) };
}

// With about 16,000 true pairs, a rate of 3% shows on about 480 of them, give or take 22.
function expectAbout(observed: number, rate: number, tolerance = 0.2): void {
  expect(observed).toBeGreaterThan(rate * (1 - tolerance));
  expect(observed).toBeLessThan(rate * (1 + tolerance));
}

function editDistance(from: string, to: string): number {
  let previous = Array.from({ length: to.length + 1 }, (_, index) => index);
  for (let i = 1; i <= from.length; i++) {
    const current = [i];
    for (let j = 1; j <= to.length; j++) {
      const substitution = previous[j - 1]! + (from[i - 1] === to[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[to.length]!;
}

const isSwapped = (legacy: DirectoryRecord, target: DirectoryRecord) =>
  legacy.givenName !== undefined &&
  legacy.givenName === target.familyName &&
  legacy.familyName === target.givenName;
const writtenDate = (record: DirectoryRecord) => record.invalidDateOfBirth ?? record.dateOfBirth;
const transposed = (date: string) => `${date.slice(0, 4)}-${date.slice(8, 10)}-${date.slice(5, 7)}`;

describe('the realistic noise profile', () => {
  it('gives the same population for the same seed', () => {
    expect(generateSyntheticDirectories({ people: 500, seed: 3, now, noise: 'realistic' })).toEqual(
      generateSyntheticDirectories({ people: 500, seed: 3, now, noise: 'realistic' }),
    );
  });

  it('keeps the truth: each pair joins two accounts of one person, as in the standard profile', () => {
    const { legacy, target, truth } = realistic;
    const targetIds = new Set(target.map((record) => record.id));
    expect(truth.size).toBe(truePairs(realistic).length);
    for (const [legacyId, targetId] of truth) {
      expect(targetIds.has(targetId)).toBe(true);
      expect(legacyId.slice(2)).toBe(targetId.slice(2));
    }
    expect(legacy.every((record) => record.side === 'legacy')).toBe(true);
    expect(shareOf(legacy, (record) => truth.has(record.id))).toBeCloseTo(8 / 9, 1);
  });

  it('puts the pair noise on true pairs only: an account on one side keeps its names and date', () => {
    const paired = new Set(realistic.truth.values());
    const alone = [
      ...realistic.legacy.filter((record) => !realistic.truth.has(record.id)),
      ...realistic.target.filter((record) => !paired.has(record.id)),
    ];
    expect(alone.length).toBeGreaterThan(3_000);
    expect(alone.every((record) => record.givenName && record.familyName)).toBe(true);
    expect(alone.every((record) => record.invalidDateOfBirth === undefined)).toBe(true);
  });

  it('makes a few names common, so that agreeing on one is weak evidence', () => {
    const { target } = realistic;
    expectAbout(
      shareOf(target, (record) => record.familyName === 'smith'),
      (rates.commonFamilyNames * 126) / 1_039,
    );
    expectAbout(
      shareOf(target, (record) => record.givenName === 'james'),
      rates.commonGivenNames / 5.02,
    );
    // Two different people agree on a family name about twice as often as in the standard profile.
    const coincidence = ({ target: accounts }: SyntheticDirectories) => {
      const counts = new Map<string | undefined, number>();
      for (const { familyName } of accounts) counts.set(familyName, (counts.get(familyName) ?? 0) + 1);
      return [...counts.values()].reduce((sum, count) => sum + (count / accounts.length) ** 2, 0);
    };
    expect(coincidence(realistic)).toBeGreaterThan(1.5 * coincidence(standard));
  });

  it('leaves many legacy accounts without any email or phone', () => {
    const withoutContact = (record: DirectoryRecord) => record.emails.length + record.phones.length === 0;
    const before = shareOf(standard.legacy, withoutContact);
    expectAbout(
      shareOf(realistic.legacy, withoutContact),
      rates.legacyWithoutContact + (1 - rates.legacyWithoutContact) * before,
      0.1,
    );
  });

  it('swaps given and family names on one side', () => {
    const shares = pairShares(isSwapped);
    expect(shares.standard).toBeLessThan(0.001);
    // A standard typo on the other side hides about one swap in ten.
    expectAbout(shares.realistic, rates.names.swapped * 0.9);
  });

  it('changes the family name on one side, as a marriage does', () => {
    const shares = pairShares(
      (legacy, target) =>
        legacy.familyName !== undefined &&
        target.familyName !== undefined &&
        !isSwapped(legacy, target) &&
        editDistance(legacy.familyName, target.familyName) > 2,
    );
    expect(shares.standard).toBe(0);
    expectAbout(shares.realistic, rates.names.familyNameChanged);
  });

  it('leaves the family name or the given name out on one side', () => {
    const missing = (name: 'givenName' | 'familyName') =>
      pairShares((legacy, target) => (legacy[name] === undefined) !== (target[name] === undefined));
    expect(missing('familyName').standard).toBe(0);
    expectAbout(missing('familyName').realistic, rates.names.familyNameMissing);
    expectAbout(missing('givenName').realistic, rates.names.givenNameMissing);
  });

  it('mistypes the first letter of a name, which the standard typos never touch', () => {
    const firstLetterTypo = (legacyName?: string, targetName?: string) =>
      legacyName !== undefined &&
      targetName !== undefined &&
      legacyName.charAt(0) !== targetName.charAt(0) &&
      editDistance(legacyName, targetName) <= 2;
    const shares = pairShares(
      (legacy, target) =>
        firstLetterTypo(legacy.givenName, target.givenName) ||
        firstLetterTypo(legacy.familyName, target.familyName),
    );
    expect(shares.standard).toBe(0);
    expectAbout(shares.realistic, rates.names.firstLetterTypo);
  });

  describe('dates of birth', () => {
    // Measured where the target account has the date, which tells a transposition from the rest.
    const withTargetDate = (test: (legacy: DirectoryRecord, date: string) => boolean) => {
      const share = (population: SyntheticDirectories) => {
        const pairs = truePairs(population).filter(([, target]) => target.dateOfBirth !== undefined);
        return shareOf(pairs, ([legacy, target]) => test(legacy, target.dateOfBirth!));
      };
      return { realistic: share(realistic), standard: share(standard) };
    };

    it('writes legacy dates that are no calendar date as text, never as a date', () => {
      const invalid = realistic.legacy.filter((record) => record.invalidDateOfBirth !== undefined);
      expect(invalid.every((record) => record.dateOfBirth === undefined)).toBe(true);
      expect(invalid.some((record) => isCalendarDate(record.invalidDateOfBirth!))).toBe(false);
      expect(invalid.some((record) => record.invalidDateOfBirth!.includes('/'))).toBe(true);
      expect(
        invalid.some((record) => /^\d{4}-\d{2}-(3[2-9]|[4-9]\d)$/.test(record.invalidDateOfBirth!)),
      ).toBe(true);
      const shares = withTargetDate(
        (legacy, date) =>
          legacy.invalidDateOfBirth !== undefined && legacy.invalidDateOfBirth !== transposed(date),
      );
      expect(shares.standard).toBe(0);
      expectAbout(shares.realistic, rates.dateOfBirth.invalid);
    });

    it('transposes day and month whatever the day, giving invalid text when the day is above 12', () => {
      const shares = withTargetDate(
        (legacy, date) => writtenDate(legacy) === transposed(date) && transposed(date) !== date,
      );
      // The standard profile transposes days up to 12; realistic dates replace a few of those.
      expectAbout(shares.realistic - 0.85 * shares.standard, rates.dateOfBirth.transposed * (27 / 28));
      const textual = withTargetDate((legacy, date) => legacy.invalidDateOfBirth === transposed(date));
      expectAbout(textual.realistic, rates.dateOfBirth.transposed * (16 / 28), 0.3);
    });

    it('mistypes one digit of a legacy date, still a calendar date', () => {
      const oneDigitOff = (legacy: DirectoryRecord, date: string) =>
        legacy.dateOfBirth !== undefined &&
        [...date].filter((character, index) => character !== legacy.dateOfBirth!.charAt(index)).length === 1;
      const shares = withTargetDate(oneDigitOff);
      // The standard profile's other day changes one digit too; realistic dates replace a few of those.
      expectAbout(shares.realistic - 0.85 * shares.standard, rates.dateOfBirth.digitTypo);
    });

    it('leaves the date out on one side', () => {
      const shares = pairShares(
        (legacy, target) => writtenDate(legacy) === undefined || target.dateOfBirth === undefined,
      );
      expectAbout(shares.realistic - shares.standard, rates.dateOfBirth.missing * (1 - shares.standard));
    });
  });

  describe('addresses', () => {
    it('keeps the street and locality but changes the postcode on the legacy side', () => {
      const shares = pairShares(
        (legacy, target) =>
          legacy.address !== undefined &&
          target.address !== undefined &&
          legacy.address.lines[0] === target.address.lines[0] &&
          legacy.address.locality === target.address.locality &&
          legacy.address.postalCode !== target.address.postalCode,
      );
      expect(shares.standard).toBe(0);
      expectAbout(shares.realistic, rates.address.postcodeChanged);
    });

    it('leaves the address out on one side', () => {
      const shares = pairShares((legacy, target) => !legacy.address || !target.address);
      // A changed postcode gives back a few legacy addresses the standard noise had left out.
      const expected =
        rates.address.missing * (1 - shares.standard) - rates.address.postcodeChanged * shares.standard;
      expectAbout(shares.realistic - shares.standard, expected, 0.25);
    });
  });
});
