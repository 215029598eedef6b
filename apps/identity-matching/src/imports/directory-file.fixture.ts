import type { DirectoryRecord } from '../directory/domain/directory-record';

/** A record using every field, with values that need CSV quoting. */
export function aFullRecord(id: string, changes: Partial<DirectoryRecord> = {}): DirectoryRecord {
  return {
    side: 'legacy',
    id,
    emails: [
      { value: `${id.toLowerCase()}@mail.example`, verified: true },
      { value: '"odd,one"@post.example', verified: false },
    ],
    phones: [{ value: '+442079460958', verified: true }],
    givenName: 'Zoë',
    familyName: "O'Brien, Jr",
    dateOfBirth: '1971-12-31',
    address: {
      lines: ['Flat 2', '10 High Street\nBack entrance'],
      locality: 'Northam',
      postalCode: 'NM1 1AA',
      country: 'GB',
    },
    createdAt: new Date('2019-03-04T05:06:07.890Z'),
    lastLoginAt: new Date('2025-01-02T03:04:05.000Z'),
    roles: ['customer', 'admin'],
    partnerLinked: true,
    socialProviders: ['google', 'apple'],
    mfaMethods: ['totp'],
    socialOnly: false,
    ...changes,
  };
}
