import { findDeterministicLinks } from './deterministic-links';
import { aLegacyRecord, aTargetRecord, unverified, verified } from './directory-records.fixture';
import { extractFeatures } from './record-features';
import { findSharedContacts } from './shared-contacts';
import { Vocabulary } from './vocabulary';

function linksOf(legacy: ReturnType<typeof aLegacyRecord>[], target: ReturnType<typeof aTargetRecord>[]) {
  const vocabulary = new Vocabulary();
  const legacyFeatures = extractFeatures(legacy, vocabulary);
  const targetFeatures = extractFeatures(target, vocabulary);
  return findDeterministicLinks(legacyFeatures, targetFeatures, findSharedContacts(legacyFeatures));
}

describe('findDeterministicLinks', () => {
  it('links accounts that share a verified email', () => {
    const [outcome] = linksOf(
      [aLegacyRecord({ id: 'L-1', emails: [verified('ada@mail.example')] })],
      [aTargetRecord({ id: 'T-9' }), aTargetRecord({ id: 'T-1', emails: [verified('ada@mail.example')] })],
    );
    expect(outcome).toEqual({ kind: 'linked', targetIndex: 1, verifiedContacts: ['email'] });
  });

  it('links on a verified phone, and names both contacts when email and phone agree', () => {
    const [outcome] = linksOf(
      [
        aLegacyRecord({
          id: 'L-1',
          emails: [verified('ada@mail.example')],
          phones: [verified('+447700900001')],
        }),
      ],
      [
        aTargetRecord({
          id: 'T-1',
          emails: [verified('ada@mail.example')],
          phones: [verified('+447700900001')],
        }),
      ],
    );
    expect(outcome).toEqual({ kind: 'linked', targetIndex: 0, verifiedContacts: ['email', 'phone'] });
  });

  it('does not link on a contact that is unverified on either side', () => {
    const outcomes = linksOf(
      [
        aLegacyRecord({ id: 'L-1', emails: [unverified('ada@mail.example')] }),
        aLegacyRecord({ id: 'L-2', emails: [verified('bob@mail.example')] }),
      ],
      [
        aTargetRecord({ id: 'T-1', emails: [verified('ada@mail.example')] }),
        aTargetRecord({ id: 'T-2', emails: [unverified('bob@mail.example')] }),
      ],
    );
    expect(outcomes).toEqual([{ kind: 'none' }, { kind: 'none' }]);
  });

  it('reports a conflict when the verified email and the verified phone point to different accounts', () => {
    const [outcome] = linksOf(
      [
        aLegacyRecord({
          id: 'L-1',
          emails: [verified('ada@mail.example')],
          phones: [verified('+447700900001')],
        }),
      ],
      [
        aTargetRecord({ id: 'T-1', emails: [verified('ada@mail.example')] }),
        aTargetRecord({ id: 'T-2', phones: [verified('+447700900001')] }),
      ],
    );
    expect(outcome).toEqual({ kind: 'conflict', reasons: ['conflicting_verified_contacts'] });
  });

  it('reports a conflict when the verified contact is on several legacy accounts', () => {
    const outcomes = linksOf(
      [
        aLegacyRecord({ id: 'L-1', emails: [verified('family@home.example')] }),
        aLegacyRecord({ id: 'L-2', emails: [unverified('family@home.example')] }),
      ],
      [aTargetRecord({ id: 'T-1', emails: [verified('family@home.example')] })],
    );
    expect(outcomes[0]).toEqual({ kind: 'conflict', reasons: ['shared_contact'] });
  });

  it('reports a conflict when several target accounts hold the contact, even unverified', () => {
    const [outcome] = linksOf(
      [aLegacyRecord({ id: 'L-1', emails: [verified('ada@mail.example')] })],
      [
        aTargetRecord({ id: 'T-1', emails: [verified('ada@mail.example')] }),
        aTargetRecord({ id: 'T-2', emails: [unverified('ada@mail.example')] }),
      ],
    );
    expect(outcome).toEqual({ kind: 'conflict', reasons: ['several_targets'] });
  });
});

describe('findSharedContacts', () => {
  it('marks every account holding a contact that another account holds, and only those', () => {
    const features = extractFeatures([
      aLegacyRecord({ id: 'L-1', phones: [unverified('+441632960000')] }),
      aLegacyRecord({ id: 'L-2', emails: [verified('own@mail.example')] }),
      aLegacyRecord({ id: 'L-3', phones: [verified('+441632960000')] }),
      aLegacyRecord({ id: 'L-4', phones: [verified('+441632960000')] }),
    ]);
    const shared = findSharedContacts(features);
    expect(Array.from(shared.accounts)).toEqual([1, 0, 1, 1]);
    expect(shared.isSharedPhone(features.vocabulary.idOf('+441632960000'))).toBe(true);
    expect(shared.isSharedEmail(features.vocabulary.idOf('own@mail.example'))).toBe(false);
  });

  it('does not count a contact listed twice on one account as shared', () => {
    const shared = findSharedContacts(
      extractFeatures([
        aLegacyRecord({ id: 'L-1', emails: [verified('ada@mail.example'), unverified('ada@mail.example')] }),
      ]),
    );
    expect(Array.from(shared.accounts)).toEqual([0]);
  });
});
