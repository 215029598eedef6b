import { compileBlockingRules, findCandidatePairs, ruleNamesOf } from './blocking-rules';
import { DEFAULT_LINKAGE } from './default-linkage';
import { aLegacyRecord, aTargetRecord, unverified, verified } from './directory-records.fixture';
import type { LinkageConfig } from './linkage-config';
import { extractFeatures } from './record-features';
import { Vocabulary } from './vocabulary';

type Blocking = LinkageConfig['blocking'];

function candidatesOf(
  legacy: ReturnType<typeof aLegacyRecord>[],
  target: ReturnType<typeof aTargetRecord>[],
  blocking: Blocking = DEFAULT_LINKAGE.blocking,
) {
  const vocabulary = new Vocabulary();
  const rules = compileBlockingRules(blocking);
  const pairs = findCandidatePairs(
    extractFeatures(legacy, vocabulary, ['region']),
    extractFeatures(target, vocabulary, ['region']),
    rules,
    blocking.candidatesPerRecord,
  );
  return Array.from(pairs.targetIndexes)
    .map((t, index) => ({
      target: target[t]!.id,
      rules: ruleNamesOf(
        pairs.ruleMasks[index]!,
        rules.map((rule) => rule.name),
      ),
    }))
    .sort((first, second) => first.target.localeCompare(second.target));
}

const only = (...rules: Blocking['rules']): Blocking => ({
  maxBlockSize: 100,
  candidatesPerRecord: 100,
  rules,
});

describe('findCandidatePairs', () => {
  it('pairs records whose family names sound alike and who share a date of birth, day and month in either order', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', familyName: 'Smyth', dateOfBirth: '1980-03-04' })],
      [
        aTargetRecord({ id: 'T-1', familyName: 'Smith', dateOfBirth: '1980-04-03' }),
        aTargetRecord({ id: 'T-2', familyName: 'Smith', dateOfBirth: '1980-03-05' }),
        aTargetRecord({ id: 'T-3', familyName: 'Jones', dateOfBirth: '1981-03-04' }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['family-soundex+birth-date'] }]);
  });

  it('pairs records whose given and family names are swapped, born the same year', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', givenName: 'Okafor', familyName: 'Chidi', dateOfBirth: '1980-03-04' })],
      [
        aTargetRecord({ id: 'T-1', givenName: 'Chidi', familyName: 'Okafor', dateOfBirth: '1980-11-21' }),
        aTargetRecord({ id: 'T-2', givenName: 'Chidi', familyName: 'Okafor', dateOfBirth: '1983-11-21' }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['names-unordered+birth-year'] }]);
  });

  it('pairs records whose names both start with a mistyped letter', () => {
    const candidates = candidatesOf(
      [
        aLegacyRecord({
          id: 'L-1',
          givenName: 'Katherine',
          familyName: 'Philips',
          dateOfBirth: '1980-03-04',
        }),
      ],
      [
        aTargetRecord({
          id: 'T-1',
          givenName: 'Catherine',
          familyName: 'Fhilips',
          dateOfBirth: '1980-10-21',
        }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['name-tails+birth-year'] }]);
  });

  it('pairs a changed or missing surname by given name and date of birth, and by date of birth with an initial or alone', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', givenName: 'Maria', familyName: 'Rossi', dateOfBirth: '1985-03-14' })],
      [
        aTargetRecord({ id: 'T-1', givenName: 'Maria', familyName: 'Bianchi', dateOfBirth: '1985-03-14' }),
        aTargetRecord({ id: 'T-2', givenName: 'Maria', dateOfBirth: '1985-03-14' }),
        aTargetRecord({ id: 'T-3', givenName: 'Anna', familyName: 'Romano', dateOfBirth: '1985-03-14' }),
      ],
    );
    const byGivenName = ['given-soundex+birth-date', 'birth-date+given-initial', 'birth-date'];
    expect(candidates).toEqual([
      { target: 'T-1', rules: byGivenName },
      { target: 'T-2', rules: byGivenName },
      { target: 'T-3', rules: ['birth-date+family-initial', 'birth-date'] },
    ]);
  });

  it('leaves the date of birth alone out once more records share it than its block size allows', () => {
    const target = Array.from({ length: 21 }, (_, n) =>
      aTargetRecord({ id: `T-${n}`, givenName: 'Anna', familyName: 'Romano', dateOfBirth: '1985-03-14' }),
    );
    const legacy = [
      aLegacyRecord({ id: 'L-1', givenName: 'Maria', familyName: 'Bianchi', dateOfBirth: '1985-03-14' }),
    ];
    expect(candidatesOf(legacy, target)).toEqual([]);
    expect(candidatesOf(legacy, target.slice(0, 20))).toHaveLength(20);
  });

  it('pairs a mistyped year of birth by the names with the day and month', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', givenName: 'Mary', familyName: 'Laman', dateOfBirth: '1983-09-17' })],
      [
        aTargetRecord({ id: 'T-1', givenName: 'Mary', familyName: 'Laman', dateOfBirth: '1984-09-17' }),
        aTargetRecord({ id: 'T-2', givenName: 'Mary', familyName: 'Laman', dateOfBirth: '1984-09-18' }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['names-soundex+birth-day'] }]);
  });

  it('pairs by names alone only when one side has no date of birth', () => {
    const name = { givenName: 'Mary', familyName: 'Laman' };
    const target = [
      aTargetRecord({ id: 'T-1', ...name }),
      aTargetRecord({ id: 'T-2', ...name, dateOfBirth: '1950-01-01' }),
    ];
    const namesOnly = [
      'names-soundex',
      'given-name+family-digits',
      'given-digits+family-name',
      'family-name',
    ];
    const withDate = candidatesOf([aLegacyRecord({ id: 'L-1', ...name, dateOfBirth: '1983-09-17' })], target);
    expect(withDate).toEqual([{ target: 'T-1', rules: [...namesOnly, 'given-name+family-initial'] }]);
    const withoutDate = candidatesOf([aLegacyRecord({ id: 'L-1', ...name })], target);
    expect(withoutDate.map((candidate) => candidate.target)).toEqual(['T-1', 'T-2']);
  });

  it('counts every target record of a key against the block size, also those a whenMissing rule skips', () => {
    const target = [
      aTargetRecord({ id: 'T-1', familyName: 'Laman' }),
      aTargetRecord({ id: 'T-2', familyName: 'Laman', dateOfBirth: '1950-01-01' }),
      aTargetRecord({ id: 'T-3', familyName: 'Laman', dateOfBirth: '1960-01-01' }),
    ];
    const legacy = [aLegacyRecord({ id: 'L-1', familyName: 'Laman', dateOfBirth: '1983-09-17' })];
    const rule = { name: 'family', keys: ['family_name' as const], whenMissing: 'date_of_birth' as const };
    expect(candidatesOf(legacy, target, only({ ...rule, maxBlockSize: 2 }))).toEqual([]);
    expect(candidatesOf(legacy, target, only({ ...rule, maxBlockSize: 3 }))).toEqual([
      { target: 'T-1', rules: ['family'] },
    ]);
  });

  it('pairs by postcode, and by house number, street and locality', () => {
    const candidates = candidatesOf(
      [
        aLegacyRecord({
          id: 'L-1',
          address: { lines: ['12 Mill Lane'], locality: 'Easton', postalCode: 'EA1 2BC' },
        }),
      ],
      [
        aTargetRecord({
          id: 'T-1',
          address: { lines: ['1 High Street'], locality: 'Westby', postalCode: 'ea12bc' },
        }),
        aTargetRecord({
          id: 'T-2',
          address: { lines: ['Flat 3', '12, Mill Lane'], locality: 'easton', postalCode: 'EA9 9ZZ' },
        }),
        aTargetRecord({
          id: 'T-3',
          address: { lines: ['13 Mill Lane'], locality: 'Easton', postalCode: 'EA9 9ZZ' },
        }),
      ],
    );
    expect(candidates).toEqual([
      { target: 'T-1', rules: ['postcode'] },
      { target: 'T-2', rules: ['street+locality'] },
    ]);
  });

  it('blocks on a house number and any word of the address when configured so', () => {
    const blocking = only({ name: 'number+word', keys: ['street_number', 'address_token'] });
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', address: { lines: ['12 Mill Lane'] } })],
      [
        aTargetRecord({ id: 'T-1', address: { lines: ['12 Mill Road'] } }),
        aTargetRecord({ id: 'T-2', address: { lines: ['14 Mill Lane'] } }),
      ],
      blocking,
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['number+word'] }]);
  });

  it('remembers every rule that found a pair, and lists the pair once', () => {
    const candidates = candidatesOf(
      [
        aLegacyRecord({
          id: 'L-1',
          givenName: 'Ada',
          familyName: 'Lovelace',
          phones: [verified('+447700900123')],
          emails: [verified('ada@old.example')],
        }),
      ],
      [
        aTargetRecord({
          id: 'T-1',
          givenName: 'Ada',
          familyName: 'Loveless',
          phones: [unverified('+447700900123')],
          emails: [verified('ada@new.example')],
        }),
      ],
    );
    expect(candidates).toEqual([
      {
        target: 'T-1',
        rules: [
          'phone',
          'names-soundex',
          'given-name+family-digits',
          'given-name+family-initial',
          'email-local-part',
        ],
      },
    ]);
  });

  it('blocks on a declared extra attribute', () => {
    const blocking = only({ name: 'region', keys: ['attribute:region', 'birth_year'] });
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', dateOfBirth: '1970-01-02', attributes: { region: 'north' } })],
      [
        aTargetRecord({ id: 'T-1', dateOfBirth: '1970-05-06', attributes: { region: 'north' } }),
        aTargetRecord({ id: 'T-2', dateOfBirth: '1970-05-06', attributes: { region: 'south' } }),
      ],
      blocking,
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['region'] }]);
  });

  it('skips a key shared by more target records than the rule’s block size allows', () => {
    const target = [1, 2, 3].map((n) =>
      aTargetRecord({ id: `T-${n}`, emails: [verified(`info@shop${n}.example`)] }),
    );
    const legacy = [aLegacyRecord({ id: 'L-1', emails: [verified('info@mine.example')] })];
    const rule = { name: 'email-local-part', keys: ['email_local_part' as const] };
    expect(candidatesOf(legacy, target, only({ ...rule, maxBlockSize: 2 }))).toEqual([]);
    expect(candidatesOf(legacy, target, only({ ...rule, maxBlockSize: 3 }))).toHaveLength(3);
  });

  it('stops adding candidates to a record at its budget, earlier rules first', () => {
    const target = [1, 2, 3, 4].map((n) => aTargetRecord({ id: `T-${n}`, dateOfBirth: '1990-01-02' }));
    const legacy = [aLegacyRecord({ id: 'L-1', dateOfBirth: '1990-01-02' })];
    const blocking = {
      ...only({ name: 'birth-date', keys: ['date_of_birth' as const] }),
      candidatesPerRecord: 2,
    };
    expect(candidatesOf(legacy, target, blocking)).toHaveLength(2);
  });

  it('proposes nothing for a record with no usable key', () => {
    expect(candidatesOf([aLegacyRecord({ id: 'L-1' })], [aTargetRecord({ id: 'T-1' })])).toEqual([]);
  });
});
