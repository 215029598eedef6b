import type { DirectoryRecord } from '../directory/domain/directory-record';

/**
 * Hand-made accounts with a known expected outcome, added to a synthetic population from which
 * the model learns its weights. They share no name or contact with each other.
 */
const home = { lines: ['7 Orchard Row'], locality: 'Kingsbury', postalCode: 'KB7 1OR' };
const verified = (value: string) => ({ value, verified: true });
const unverified = (value: string) => ({ value, verified: false });
const okaforInbox = [verified('okafor.family@home.example')];
const maria = { givenName: 'Maria', dateOfBirth: '1985-03-14', address: home };
const tomasz = { givenName: 'Tomasz', familyName: 'Wrona', dateOfBirth: '1979-12-01', address: home };
const zoltan = { givenName: 'Zoltan', familyName: 'Kiss', dateOfBirth: '1971-02-03', address: home };

function account(
  side: DirectoryRecord['side'],
  record: Partial<DirectoryRecord> & { id: string },
): DirectoryRecord {
  return {
    side,
    emails: [],
    phones: [],
    roles: ['customer'],
    partnerLinked: false,
    socialProviders: [],
    mfaMethods: [],
    socialOnly: false,
    lastLoginAt: new Date('2026-05-01T00:00:00Z'),
    ...record,
  };
}

export const matchingCases = {
  legacy: [
    account('legacy', { id: 'L-zk', ...zoltan, emails: [verified('zoltan.kiss@mail.example')] }),
    account('legacy', {
      id: 'L-ann',
      givenName: 'Ann',
      familyName: 'Okafor',
      dateOfBirth: '1968-05-06',
      emails: okaforInbox,
    }),
    account('legacy', {
      id: 'L-ben',
      givenName: 'Ben',
      familyName: 'Okafor',
      dateOfBirth: '1999-09-30',
      emails: okaforInbox,
    }),
    // A typo in the family name, a variant given name, a changed email, another date of birth in
    // the same year and a re-coded postcode: the model finds the account, but not surely enough
    // (medium band).
    account('legacy', {
      id: 'L-mh',
      ...maria,
      givenName: 'Marie',
      address: { ...home, postalCode: 'KB9 9ZZ' },
      dateOfBirth: '1985-11-02',
      familyName: 'Hernandes',
      emails: [verified('mh1985@oldmail.example')],
    }),
    // An administrator whose contacts were never verified: privileged, and in review.
    account('legacy', {
      id: 'L-tw',
      ...tomasz,
      roles: ['admin'],
      emails: [unverified('tomasz.wrona@mail.example')],
    }),
    account('legacy', {
      id: 'L-new',
      givenName: 'Quill',
      familyName: 'Zzyzx',
      emails: [verified('q@z.example')],
    }),
  ],
  target: [
    account('target', { id: 'T-zk', ...zoltan, emails: [verified('zoltan.kiss@mail.example')] }),
    account('target', {
      id: 'T-ann',
      givenName: 'Ann',
      familyName: 'Okafor',
      dateOfBirth: '1968-05-06',
      emails: okaforInbox,
    }),
    account('target', {
      id: 'T-mh',
      ...maria,
      familyName: 'Hernandez',
      emails: [verified('maria.hernandez@new.example')],
    }),
    account('target', { id: 'T-tw', ...tomasz, emails: [verified('tomasz.wrona@mail.example')] }),
  ],
};
