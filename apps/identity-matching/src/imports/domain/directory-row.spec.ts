import { directoryRowValidator } from './directory-row';

const validate = directoryRowValidator('legacy', 'GB');

const aRow = (changes: Record<string, unknown> = {}) => ({
  id: 'L-1',
  emails: 'Bob@Example.com:verified',
  phones: '020 7946 0958:unverified',
  given_name: 'Bob',
  family_name: 'Smith',
  date_of_birth: '1980-04-01',
  address_line1: '1 High Street',
  address_line2: '',
  address_locality: 'Northam',
  address_postal_code: 'NM1 1AA',
  address_country: 'gb',
  created_at: '2020-01-01T00:00:00Z',
  last_login_at: '',
  roles: 'customer;admin',
  partner_linked: 'no',
  social_providers: 'Google',
  mfa_methods: 'TOTP',
  social_only: 'false',
  ...changes,
});

describe('directoryRowValidator', () => {
  it('turns a valid line into a normalised record of the directory', () => {
    expect(validate(2, aRow())).toEqual({
      record: {
        side: 'legacy',
        id: 'L-1',
        emails: [{ value: 'bob@example.com', verified: true }],
        phones: [{ value: '+442079460958', verified: false }],
        givenName: 'Bob',
        familyName: 'Smith',
        dateOfBirth: '1980-04-01',
        address: { lines: ['1 High Street'], locality: 'Northam', postalCode: 'NM1 1AA', country: 'GB' },
        createdAt: new Date('2020-01-01T00:00:00Z'),
        roles: ['customer', 'admin'],
        partnerLinked: false,
        socialProviders: ['google'],
        mfaMethods: ['totp'],
        socialOnly: false,
      },
    });
  });

  it.each([
    ['id', { id: ' ' }, 'is empty; every line needs the account id'],
    ['emails', { emails: 'bob@' }, '"bob@" is not an email address'],
    [
      'emails',
      { emails: 'bob@example.com:maybe' },
      '"bob@example.com:maybe": the flag after the last ":" must be verified or unverified',
    ],
    ['phones', { phones: '12345:verified' }, '"12345" is not a valid phone number in region GB'],
    ['phone_region', { phone_region: 'XX' }, '"XX" is not a region with a telephone numbering plan'],
    ['given_name', { given_name: 'x'.repeat(201) }, 'is longer than 200 characters'],
    [
      'date_of_birth',
      { date_of_birth: '01/04/1980' },
      '"01/04/1980" is not a calendar date written YYYY-MM-DD',
    ],
    [
      'address_country',
      { address_country: 'UK1' },
      '"UK1" is not a two-letter ISO 3166-1 country code, e.g. GB',
    ],
    [
      'created_at',
      { created_at: 'yesterday' },
      '"yesterday" is not an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T09:30:00Z',
    ],
    [
      'last_login_at',
      { last_login_at: '2024-01-01' },
      '"2024-01-01" is not an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T09:30:00Z',
    ],
    ['roles', { roles: 'x'.repeat(101) }, `"${'x'.repeat(60)}…" is longer than 100 characters`],
    ['partner_linked', { partner_linked: 'maybe' }, '"maybe" is not a yes/no value; write true or false'],
    ['social_only', { social_only: 'sometimes' }, '"sometimes" is not a yes/no value; write true or false'],
  ])('rejects a bad %s naming the line, the field and the value', (field, change, reason) => {
    expect(validate(17, aRow(change))).toEqual({ rejection: { line: 17, field, reason } });
  });

  it('reads phones in the line’s phone_region before the default one', () => {
    const outcome = validate(3, aRow({ phones: '01 42 68 53 00', phone_region: 'fr' }));
    expect('record' in outcome && outcome.record.phones).toEqual([
      { value: '+33142685300', verified: false },
    ]);
  });

  it('reports every invalid field of a line in one rejection, the first one as its field', () => {
    expect(validate(5, aRow({ emails: 'bob@', date_of_birth: 'soon' }))).toEqual({
      rejection: {
        line: 5,
        field: 'emails',
        reason:
          '"bob@" is not an email address; also date_of_birth: "soon" is not a calendar date written YYYY-MM-DD',
      },
    });
  });

  it('reads the JSON forms of NDJSON and rejects keys that are not columns', () => {
    const outcome = validate(4, {
      id: 42,
      emails: [{ value: 'A@x.example', verified: true }],
      roles: ['admin'],
      partner_linked: true,
    });
    expect(outcome).toEqual({
      record: expect.objectContaining({
        id: '42',
        emails: [{ value: 'a@x.example', verified: true }],
        roles: ['admin'],
        partnerLinked: true,
      }),
    });
    expect(validate(6, { id: 'x', email: 'a@x.example' })).toEqual({
      rejection: { line: 6, field: 'email', reason: '"email" is not a directory column' },
    });
  });
});
