import { findCandidatePairs, ruleNamesOf } from './blocking-rules';
import { aLegacyRecord, aTargetRecord, unverified, verified } from './directory-records.fixture';
import { extractFeatures } from './record-features';
import { Vocabulary } from './vocabulary';

function candidatesOf(
  legacy: ReturnType<typeof aLegacyRecord>[],
  target: ReturnType<typeof aTargetRecord>[],
  maxBlockSize = 100,
) {
  const vocabulary = new Vocabulary();
  const pairs = findCandidatePairs(
    extractFeatures(legacy, vocabulary),
    extractFeatures(target, vocabulary),
    maxBlockSize,
  );
  return Array.from(pairs.targetIndexes).map((t, index) => ({
    target: target[t]!.id,
    rules: ruleNamesOf(pairs.ruleMasks[index]!),
  }));
}

describe('findCandidatePairs', () => {
  it('pairs records whose family names sound alike and who share a date of birth, day and month in either order', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', familyName: 'Smyth', dateOfBirth: '1980-03-04' })],
      [
        aTargetRecord({ id: 'T-1', familyName: 'Smith', dateOfBirth: '1980-04-03' }),
        aTargetRecord({ id: 'T-2', familyName: 'Smith', dateOfBirth: '1980-03-05' }),
        aTargetRecord({ id: 'T-3', familyName: 'Jones', dateOfBirth: '1980-03-04' }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['family-phonetic+birth-date'] }]);
  });

  it('pairs records whose given and family names sound alike and who were born the same year', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', givenName: 'Jon', familyName: 'Smyth', dateOfBirth: '1980-03-04' })],
      [
        aTargetRecord({ id: 'T-1', givenName: 'John', familyName: 'Smith', dateOfBirth: '1980-11-21' }),
        aTargetRecord({ id: 'T-2', givenName: 'Mary', familyName: 'Smith', dateOfBirth: '1980-11-21' }),
        aTargetRecord({ id: 'T-3', givenName: 'John', familyName: 'Smith', dateOfBirth: '1981-11-21' }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['names-phonetic+birth-year'] }]);
  });

  it('remembers every rule that found a pair, and lists the pair once', () => {
    const candidates = candidatesOf(
      [
        aLegacyRecord({
          id: 'L-1',
          givenName: 'Ada',
          familyName: 'Lovelace',
          address: { lines: [], postalCode: 'EA1 2BC' },
          phones: [verified('+447700900123')],
          emails: [verified('ada@old.example')],
        }),
      ],
      [
        aTargetRecord({
          id: 'T-1',
          givenName: 'Ada',
          familyName: 'Loveless',
          address: { lines: [], postalCode: 'ea12bc' },
          phones: [unverified('+447700900123')],
          emails: [verified('ada@new.example')],
        }),
      ],
    );
    expect(candidates).toEqual([
      { target: 'T-1', rules: ['postcode+initials', 'phone', 'email-local-part'] },
    ]);
  });

  it('skips a key shared by more target records than the block size allows', () => {
    const target = [1, 2, 3].map((n) =>
      aTargetRecord({ id: `T-${n}`, emails: [verified(`info@shop${n}.example`)] }),
    );
    expect(
      candidatesOf([aLegacyRecord({ id: 'L-1', emails: [verified('info@mine.example')] })], target, 2),
    ).toEqual([]);
    expect(
      candidatesOf([aLegacyRecord({ id: 'L-1', emails: [verified('info@mine.example')] })], target, 3),
    ).toHaveLength(3);
  });

  it('proposes nothing for a record with no usable key', () => {
    expect(candidatesOf([aLegacyRecord({ id: 'L-1' })], [aTargetRecord({ id: 'T-1' })])).toEqual([]);
  });
});
