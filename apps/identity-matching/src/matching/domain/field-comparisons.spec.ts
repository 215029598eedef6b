import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { aLegacyRecord, aTargetRecord, verified } from './directory-records.fixture';
import { COMPARED_FIELDS, COMPARISON_LEVELS, comparePair, levelOf, PATTERN_COUNT } from './field-comparisons';
import { extractFeatures } from './record-features';
import { Vocabulary } from './vocabulary';

function levelsOf(
  legacy: Partial<DirectoryRecord>,
  target: Partial<DirectoryRecord>,
): Record<string, string> {
  const vocabulary = new Vocabulary();
  const pattern = comparePair(
    extractFeatures([aLegacyRecord({ id: 'L-1', ...legacy })], vocabulary),
    0,
    extractFeatures([aTargetRecord({ id: 'T-1', ...target })], vocabulary),
    0,
  );
  return Object.fromEntries(
    COMPARED_FIELDS.map((field, c) => [field, COMPARISON_LEVELS[field][levelOf(pattern, c)] as string]),
  );
}

describe('comparePair', () => {
  it('grades names as exact, close typo, distant typo or different', () => {
    expect(levelsOf({ familyName: 'Hernandez' }, { familyName: 'hernández' }).familyName).toBe('exact');
    expect(levelsOf({ familyName: 'Hernandes' }, { familyName: 'Hernandez' }).familyName).toBe(
      'jaro-winkler>=0.92',
    );
    expect(levelsOf({ givenName: 'Dwayne' }, { givenName: 'Duane' }).givenName).toBe('jaro-winkler>=0.80');
    expect(levelsOf({ givenName: 'Ada' }, { givenName: 'Grace' }).givenName).toBe('different');
  });

  it('recognises a date of birth whose day and month were swapped', () => {
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-04-03' }).dateOfBirth).toBe(
      'day-month-transposed',
    );
  });

  it('grades dates of birth as exact, same year, different or missing', () => {
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-03-04' }).dateOfBirth).toBe('exact');
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-11-20' }).dateOfBirth).toBe(
      'same-year',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1986-03-04' }).dateOfBirth).toBe(
      'different',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, {}).dateOfBirth).toBe('missing');
  });

  it('grades addresses by shared tokens, then by postcode', () => {
    const home = { lines: ['12 Mill Lane'], locality: 'Easton', postalCode: 'EA1 2BC' };
    expect(levelsOf({ address: home }, { address: { ...home, lines: ['12, mill lane'] } }).address).toBe(
      'most-tokens',
    );
    expect(
      levelsOf({ address: home }, { address: { lines: ['Flat 3', '12 Mill Lane'], locality: 'Westby' } })
        .address,
    ).toBe('some-tokens');
    expect(
      levelsOf({ address: home }, { address: { lines: ['1 High Street'], postalCode: 'ea12bc' } }).address,
    ).toBe('same-postcode');
    expect(levelsOf({ address: home }, { address: { lines: ['1 High Street'] } }).address).toBe('different');
    expect(levelsOf({ address: home }, {}).address).toBe('missing');
  });

  it('grades emails as the same address, the same handle elsewhere, a similar handle or different', () => {
    const ada = [verified('ada.lovelace@mail.example')];
    expect(levelsOf({ emails: ada }, { emails: ada }).email).toBe('exact');
    expect(levelsOf({ emails: ada }, { emails: [verified('ada.lovelace@post.example')] }).email).toBe(
      'same-local-part',
    );
    expect(levelsOf({ emails: ada }, { emails: [verified('ada.lovelace1@post.example')] }).email).toBe(
      'similar-local-part',
    );
    expect(levelsOf({ emails: ada }, { emails: [verified('zz9@post.example')] }).email).toBe('different');
  });

  it('grades phones as exact or different, and treats an absent field as missing, not as different', () => {
    const phones = [verified('+447700900001')];
    expect(levelsOf({ phones }, { phones }).phone).toBe('exact');
    expect(levelsOf({ phones }, { phones: [verified('+447700900002')] }).phone).toBe('different');
    expect(levelsOf({ phones }, {})).toMatchObject({
      phone: 'missing',
      givenName: 'missing',
      email: 'missing',
    });
  });

  it('packs every combination of levels into a distinct pattern', () => {
    expect(PATTERN_COUNT).toBeLessThanOrEqual(65_536);
  });
});
