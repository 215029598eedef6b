import { findCandidatePairs, ruleNamesOf } from './blocking-rules';
import { aLegacyRecord, aTargetRecord, verified } from './directory-records.fixture';
import { extractFeatures } from './record-features';

function candidatesOf(
  legacy: ReturnType<typeof aLegacyRecord>[],
  target: ReturnType<typeof aTargetRecord>[],
  maxBlockSize = 100,
) {
  const pairs = findCandidatePairs(extractFeatures(legacy), extractFeatures(target), maxBlockSize);
  return Array.from(pairs.targetIndexes).map((t, index) => ({
    target: target[t]!.id,
    rules: ruleNamesOf(pairs.ruleMasks[index]!),
  }));
}

describe('findCandidatePairs', () => {
  it('pairs records whose family names sound alike and who were born the same year', () => {
    const candidates = candidatesOf(
      [aLegacyRecord({ id: 'L-1', familyName: 'Smyth', dateOfBirth: '1980-01-02' })],
      [
        aTargetRecord({ id: 'T-1', familyName: 'Smith', dateOfBirth: '1980-07-09' }),
        aTargetRecord({ id: 'T-2', familyName: 'Smith', dateOfBirth: '1981-01-02' }),
      ],
    );
    expect(candidates).toEqual([{ target: 'T-1', rules: ['family-phonetic+birth-year'] }]);
  });

  it('remembers every rule that found a pair, and lists the pair once', () => {
    const candidates = candidatesOf(
      [
        aLegacyRecord({
          id: 'L-1',
          givenName: 'Ada',
          address: { lines: [], postalCode: 'EA1 2BC' },
          phones: [verified('+447700900123')],
          emails: [verified('ada@old.example')],
        }),
      ],
      [
        aTargetRecord({
          id: 'T-1',
          givenName: 'Ada',
          address: { lines: [], postalCode: 'ea12bc' },
          phones: [verified('+15550100123')],
          emails: [verified('ada@new.example')],
        }),
      ],
    );
    expect(candidates).toEqual([
      { target: 'T-1', rules: ['postcode+given-initial', 'phone-last-4+given-initial', 'email-local-part'] },
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
