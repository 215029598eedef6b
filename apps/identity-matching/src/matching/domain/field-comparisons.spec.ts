import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { DEFAULT_LINKAGE } from './default-linkage';
import { aLegacyRecord, aTargetRecord, verified } from './directory-records.fixture';
import { compileComparisons } from './field-comparisons';
import { extractFeatures } from './record-features';
import { Vocabulary } from './vocabulary';

const withRegion = compileComparisons({
  comparisons: [
    ...DEFAULT_LINKAGE.comparisons,
    { name: 'region', field: 'attribute:region', levels: [{ type: 'exact' }], termFrequency: false },
  ],
});

function levelsOf(
  legacy: Partial<DirectoryRecord>,
  target: Partial<DirectoryRecord>,
): Record<string, string> {
  const vocabulary = new Vocabulary();
  const pattern = withRegion.comparePair(
    extractFeatures([aLegacyRecord({ id: 'L-1', ...legacy })], vocabulary, ['region']),
    0,
    extractFeatures([aTargetRecord({ id: 'T-1', ...target })], vocabulary, ['region']),
    0,
  );
  return Object.fromEntries(
    withRegion.comparisons.map((comparison, c) => [
      comparison.name,
      comparison.levels[withRegion.levelOf(pattern, c)]!,
    ]),
  );
}

describe('the default comparisons', () => {
  it('grade names as exact, close typo, distant typo or different', () => {
    expect(levelsOf({ familyName: 'Hernandez' }, { familyName: 'hernández' }).family_name).toBe('exact');
    expect(levelsOf({ familyName: 'Hernandes' }, { familyName: 'Hernandez' }).family_name).toBe(
      'jaro-winkler>=0.92',
    );
    expect(levelsOf({ givenName: 'Dwayne' }, { givenName: 'Duane' }).given_name).toBe('jaro-winkler>=0.8');
    expect(levelsOf({ givenName: 'Ada' }, { givenName: 'Grace' }).given_name).toBe('different');
  });

  it('see given and family names swapped between the two sides', () => {
    const levels = levelsOf(
      { givenName: 'Okafor', familyName: 'Chidi' },
      { givenName: 'Chidi', familyName: 'Okafor' },
    );
    expect(levels).toMatchObject({ given_name: 'swapped', family_name: 'swapped' });
  });

  it('see an initial that matches a full name', () => {
    expect(levelsOf({ givenName: 'J.' }, { givenName: 'Jonathan' }).given_name).toBe('initial');
    expect(levelsOf({ givenName: 'Jonathan' }, { givenName: 'k' }).given_name).toBe('different');
  });

  it('treat a name missing on one side as missing, which weighs nothing', () => {
    expect(levelsOf({ givenName: 'Maria', familyName: 'Rossi' }, { givenName: 'Maria' }).family_name).toBe(
      'missing',
    );
  });

  it('weigh a day-month transposition and a one-digit typo in a date of birth', () => {
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-04-03' }).date_of_birth).toBe(
      'day-month-transposed',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-03-07' }).date_of_birth).toBe(
      'one-digit',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1958-03-04' }).date_of_birth).toBe(
      'different',
    );
  });

  it('grade dates of birth as exact, same year, different or missing', () => {
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-03-04' }).date_of_birth).toBe(
      'exact',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1985-11-20' }).date_of_birth).toBe(
      'same-year',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, { dateOfBirth: '1987-09-04' }).date_of_birth).toBe(
      'different',
    );
    expect(levelsOf({ dateOfBirth: '1985-03-04' }, {}).date_of_birth).toBe('missing');
  });

  it('compare address tokens and postcode together, so one place is not counted twice', () => {
    const home = { lines: ['12 Mill Lane'], locality: 'Easton', postalCode: 'EA1 2BC' };
    expect(levelsOf({ address: home }, { address: { ...home, lines: ['12, mill lane'] } }).address).toBe(
      'tokens>=0.8+postcode',
    );
    expect(
      levelsOf({ address: home }, { address: { lines: ['1 High Street'], postalCode: 'ea12bc' } }).address,
    ).toBe('same-postcode');
    expect(levelsOf({ address: home }, { address: { ...home, postalCode: 'EA9 9ZZ' } }).address).toBe(
      'tokens>=0.8',
    );
    expect(
      levelsOf({ address: home }, { address: { lines: ['Flat 3', '12 Mill Lane'], locality: 'Westby' } })
        .address,
    ).toBe('tokens>=0.4');
    expect(levelsOf({ address: home }, { address: { lines: ['1 High Street'] } }).address).toBe('different');
    expect(levelsOf({ address: home }, {}).address).toBe('missing');
  });

  it('grade emails as the same address, the same handle elsewhere, a similar handle or different', () => {
    const ada = [verified('ada.lovelace@mail.example')];
    expect(levelsOf({ emails: ada }, { emails: ada }).email).toBe('exact');
    expect(levelsOf({ emails: ada }, { emails: [verified('ada.lovelace@post.example')] }).email).toBe(
      'same-local-part',
    );
    expect(levelsOf({ emails: ada }, { emails: [verified('ada.lovelace1@post.example')] }).email).toBe(
      'similar-local-part>=0.88',
    );
    expect(levelsOf({ emails: ada }, { emails: [verified('zz9@post.example')] }).email).toBe('different');
  });

  it('grade phones as exact or different, and an absent field as missing, not as different', () => {
    const phones = [verified('+447700900001')];
    expect(levelsOf({ phones }, { phones }).phone).toBe('exact');
    expect(levelsOf({ phones }, { phones: [verified('+447700900002')] }).phone).toBe('different');
    expect(levelsOf({ phones }, {})).toMatchObject({
      phone: 'missing',
      given_name: 'missing',
      email: 'missing',
    });
  });

  it('compare a declared extra attribute for equality', () => {
    expect(levelsOf({ attributes: { region: 'north' } }, { attributes: { region: 'north' } }).region).toBe(
      'exact',
    );
    expect(levelsOf({ attributes: { region: 'north' } }, { attributes: { region: 'south' } }).region).toBe(
      'different',
    );
    expect(levelsOf({ attributes: { region: 'north' } }, {}).region).toBe('missing');
  });
});
