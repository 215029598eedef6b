import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import { aLegacyRecord, aTargetRecord, unverified, verified } from './directory-records.fixture';
import { linkDirectories } from './link-directories';
import { DEFAULT_LINKAGE } from './default-linkage';
import type { MatchConfig } from './match-config';
import { InvalidMatchConfig } from './match-config.errors';
import type { MatchResult } from './match-result';

const now = new Date('2026-06-01T00:00:00Z');
const config: MatchConfig = {
  bands: { high: 0.99, medium: 0.9, low: 0.5 },
  privilegedRoles: ['admin'],
  inactiveAfterDays: 365,
  linkage: { ...DEFAULT_LINKAGE, estimation: { ...DEFAULT_LINKAGE.estimation, randomPairs: 50_000 } },
};
const home = { lines: ['7 Orchard Row'], locality: 'Kingsbury', postalCode: 'KB7 1OR' };

// The cases under test share no name or contact, so they are linked together in one run, among a
// few thousand ordinary accounts from which the model learns its weights.
const zoltan = { givenName: 'Zoltan', familyName: 'Kiss', dateOfBirth: '1971-02-03', address: home };
const okaforInbox = [verified('okafor.family@home.example')];
const maria = { givenName: 'Maria', dateOfBirth: '1985-03-14', address: home };
const ingrid = { givenName: 'Ingrid', familyName: 'Solberg', address: home };
const tomasz = { givenName: 'Tomasz', familyName: 'Wrona', dateOfBirth: '1979-12-01', address: home };
const elsewhere = (street: string) => ({ lines: [street], locality: 'Marlow', postalCode: 'ML4 2QX' });
const chidi = { dateOfBirth: '1966-08-19', address: elsewhere('3 Weir Lane') };
const priya = { givenName: 'Priya', dateOfBirth: '1992-01-27', address: elsewhere('88 Lock Road') };
const katherine = { dateOfBirth: '1975-10-09', address: elsewhere('5 Ferry Court') };
const cases = {
  legacy: [
    aLegacyRecord({ id: 'L-zk', ...zoltan, emails: [verified('zoltan.kiss@mail.example')] }),
    aLegacyRecord({
      id: 'L-ann',
      givenName: 'Ann',
      familyName: 'Okafor',
      dateOfBirth: '1968-05-06',
      emails: okaforInbox,
    }),
    aLegacyRecord({
      id: 'L-ben',
      givenName: 'Ben',
      familyName: 'Okafor',
      dateOfBirth: '1999-09-30',
      emails: okaforInbox,
    }),
    aLegacyRecord({
      id: 'L-mh',
      ...maria,
      familyName: 'Hernandes',
      emails: [verified('mh1985@oldmail.example')],
    }),
    aLegacyRecord({ id: 'L-is', ...ingrid, dateOfBirth: '1990-04-07', phones: [verified('+4791234567')] }),
    aLegacyRecord({ id: 'L-tw', ...tomasz, emails: [unverified('tomasz.wrona@mail.example')] }),
    aLegacyRecord({
      id: 'L-new',
      givenName: 'Quill',
      familyName: 'Zzyzx',
      emails: [verified('q@z.example')],
    }),
    aLegacyRecord({
      id: 'L-cu',
      givenName: 'Umeadi',
      familyName: 'Chidiebere',
      ...chidi,
      emails: [verified('cu66@oldmail.example')],
    }),
    aLegacyRecord({ id: 'L-pn', ...priya, familyName: 'Nair', emails: [verified('pn92@oldmail.example')] }),
    aLegacyRecord({
      id: 'L-kf',
      givenName: 'Katherine',
      familyName: 'Fhilipsen',
      ...katherine,
      emails: [verified('kf75@oldmail.example')],
    }),
    aLegacyRecord({
      id: 'L-near',
      givenName: 'Wilhelmina',
      familyName: 'Quartermaine',
      dateOfBirth: '1966-08-19',
      emails: [verified('wq@oldmail.example')],
    }),
  ],
  target: [
    aTargetRecord({ id: 'T-zk', ...zoltan, emails: [verified('zoltan.kiss@mail.example')] }),
    aTargetRecord({
      id: 'T-ann',
      givenName: 'Ann',
      familyName: 'Okafor',
      dateOfBirth: '1968-05-06',
      emails: okaforInbox,
    }),
    aTargetRecord({
      id: 'T-mh',
      ...maria,
      familyName: 'Hernandez',
      emails: [verified('maria.hernandez@new.example')],
    }),
    aTargetRecord({ id: 'T-is', ...ingrid, dateOfBirth: '1990-07-04', emails: [verified('is@x.example')] }),
    aTargetRecord({ id: 'T-tw', ...tomasz, emails: [verified('tomasz.wrona@mail.example')] }),
    aTargetRecord({
      id: 'T-cu',
      givenName: 'Chidiebere',
      familyName: 'Umeadi',
      ...chidi,
      emails: [verified('chidiebere.umeadi@new.example')],
    }),
    aTargetRecord({ id: 'T-pn', ...priya, emails: [verified('priya@new.example')] }),
    aTargetRecord({
      id: 'T-kf',
      givenName: 'Catherine',
      familyName: 'Philipsen',
      ...katherine,
      emails: [verified('c.philipsen@new.example')],
    }),
  ],
};
const population = generateSyntheticDirectories({ people: 2_000, seed: 5, now });
const results = linkDirectories(
  [...population.legacy, ...cases.legacy],
  [...population.target, ...cases.target],
  config,
  now,
);
const resultOf = (legacyId: string): MatchResult => results.find((result) => result.legacyId === legacyId)!;

describe('linkDirectories', () => {
  it('links an account to the target account with the same verified email, in the high band', () => {
    const result = resultOf('L-zk');
    expect(result).toMatchObject({ outcome: 'linked', targetId: 'T-zk', band: 'high', probability: 1 });
    expect(result.reviewReasons).toEqual([]);
    expect(result.evidence).toMatchObject({ method: 'deterministic', verifiedContacts: ['email'] });
    expect(result.evidence!.fields).toContainEqual(
      expect.objectContaining({ field: 'date_of_birth', level: 'exact' }),
    );
  });

  it('sends two legacy accounts sharing one inbox to review instead of linking either', () => {
    for (const id of ['L-ann', 'L-ben']) {
      expect(resultOf(id).outcome).toBe('review');
      expect(resultOf(id).reviewReasons).toContain('shared_contact');
      expect(resultOf(id).segments).toContain('shared_contact');
    }
  });

  it('links a typo in the family name with a changed email through the model, and says why', () => {
    const result = resultOf('L-mh');
    expect(result.targetId).toBe('T-mh');
    expect(['high', 'medium']).toContain(result.band);
    expect(result.probability).toBeGreaterThanOrEqual(config.bands.medium);
    expect(result.evidence!.method).toBe('probabilistic');
    expect(result.evidence!.fields).toContainEqual(
      expect.objectContaining({ field: 'family_name', level: 'jaro-winkler>=0.92' }),
    );
    expect(result.evidence!.fields).toContainEqual(
      expect.objectContaining({ field: 'email', level: 'different' }),
    );
    expect(result.evidence!.blockingRules).toEqual(
      expect.arrayContaining(['family-soundex+birth-date', 'postcode']),
    );
    const fieldTotal = result.evidence!.fields.reduce((sum, field) => sum + field.weight, 0);
    expect(result.evidence!.totalWeight).toBeCloseTo(fieldTotal, 3);
  });

  it('links through a day and month that were swapped, and shows the transposition', () => {
    const result = resultOf('L-is');
    expect(result.targetId).toBe('T-is');
    expect(result.evidence!.fields).toContainEqual(
      expect.objectContaining({ field: 'date_of_birth', level: 'day-month-transposed' }),
    );
  });

  it('links given and family names swapped between the two directories, and shows the swap', () => {
    const result = resultOf('L-cu');
    expect(result).toMatchObject({ outcome: 'linked', targetId: 'T-cu', band: 'high' });
    expect(result.evidence!.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'given_name', level: 'swapped' }),
        expect.objectContaining({ field: 'family_name', level: 'swapped' }),
      ]),
    );
    expect(result.evidence!.blockingRules).toContain('names-unordered+birth-year');
  });

  it('links an account whose surname the target directory left out, the missing name weighing nothing', () => {
    const result = resultOf('L-pn');
    expect(result).toMatchObject({ outcome: 'linked', targetId: 'T-pn', band: 'high' });
    expect(result.evidence!.fields).toContainEqual(
      expect.objectContaining({ field: 'family_name', level: 'missing', weight: 0 }),
    );
    expect(result.evidence!.blockingRules).toEqual(
      expect.arrayContaining(['given-soundex+birth-date', 'birth-date']),
    );
  });

  it('links names whose first letters were mistyped', () => {
    const result = resultOf('L-kf');
    expect(result.targetId).toBe('T-kf');
    expect(['high', 'medium']).toContain(result.band);
    expect(result.evidence!.fields).toContainEqual(
      expect.objectContaining({ field: 'given_name', level: 'jaro-winkler>=0.92' }),
    );
  });

  it('weighs agreement on a common family name less than on a rare one', () => {
    const common = resultOf('L-zk').evidence!.fields.find((field) => field.field === 'family_name')!;
    expect(common.termFrequencyAdjustment).toBeDefined();
    const evidence = results.filter((result) => result.evidence).map((result) => result.evidence!);
    const adjustments = evidence.flatMap((item) =>
      item.fields.filter((field) => field.field === 'family_name' && field.level === 'exact'),
    );
    const weights = new Set(adjustments.map((field) => field.weight));
    expect(weights.size).toBeGreaterThan(1);
  });

  it('keeps the nearest candidates of an account found new as its evidence', () => {
    const result = resultOf('L-near');
    expect(result).toMatchObject({ outcome: 'new', band: 'none' });
    expect(result.nearMisses!.length).toBeGreaterThan(0);
    expect(result.nearMisses!.length).toBeLessThanOrEqual(3);
    expect(result.nearMisses!.map((miss) => miss.targetId)).toContain('T-cu');
    for (const miss of result.nearMisses!) expect(miss.probability).toBeLessThan(config.bands.low);
  });

  it('sends a good match to review when the account has only unverified contacts', () => {
    expect(resultOf('L-tw')).toMatchObject({ outcome: 'review', targetId: 'T-tw', band: 'high' });
    expect(resultOf('L-tw').reviewReasons).toEqual(['unverified_contacts_only']);
  });

  it('calls an account with no plausible target new, without evidence', () => {
    expect(resultOf('L-new')).toMatchObject({ outcome: 'new', band: 'none', reviewReasons: [] });
    expect(resultOf('L-new').targetId).toBeUndefined();
    expect(resultOf('L-new').evidence).toBeUndefined();
  });

  it('returns one result per legacy account, in the order given', () => {
    expect(results.map((result) => result.legacyId)).toEqual(
      [...population.legacy, ...cases.legacy].map((record) => record.id),
    );
  });

  it('refuses band thresholds that are out of order', () => {
    expect(() =>
      linkDirectories([], [], { ...config, bands: { high: 0.8, medium: 0.9, low: 0.5 } }, now),
    ).toThrow(InvalidMatchConfig);
  });
});
