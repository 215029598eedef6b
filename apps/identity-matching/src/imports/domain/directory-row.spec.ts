import { directoryRowValidator } from './directory-row';

const validate = directoryRowValidator({ side: 'legacy', defaultPhoneRegion: 'GB' });

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
      warnings: [],
    });
  });

  it.each([
    ['empty', { id: ' ' }, 'is empty; every line needs the account id'],
    ['too long', { id: 'x'.repeat(256) }, 'is longer than 255 characters'],
    ['not text', { id: { nested: true } }, 'must be text'],
    ['absent', { id: undefined }, 'is empty; every line needs the account id'],
  ])('rejects a line whose account id is %s: there is nothing to link it by', (_, change, reason) => {
    expect(validate(17, aRow(change))).toEqual({ rejection: { line: 17, field: 'id', reason } });
  });

  it.each([
    [
      'date_of_birth',
      { date_of_birth: '1945-04-93' },
      '"1945-04-93" is not a calendar date written YYYY-MM-DD',
    ],
    ['given_name', { given_name: 'x'.repeat(201) }, 'is longer than 200 characters'],
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
  ])(
    'imports a line with a bad %s without that value, warning with the line and reason',
    (field, change, reason) => {
      const outcome = validate(17, aRow(change));
      expect(outcome).toMatchObject({ record: { id: 'L-1', familyName: 'Smith' } });
      expect('warnings' in outcome && outcome.warnings).toEqual([{ line: 17, field, reason }]);
    },
  );

  it('keeps a line with a bad date of birth, its record simply without one', () => {
    const outcome = validate(9, aRow({ date_of_birth: '1945-04-93' }));
    expect('record' in outcome && outcome.record).not.toHaveProperty('dateOfBirth');
    expect('record' in outcome && outcome.record.emails).toEqual([
      { value: 'bob@example.com', verified: true },
    ]);
  });

  it('leaves out only the contact entries that cannot be read, never quoting a contact', () => {
    const outcome = validate(
      4,
      aRow({
        emails: 'bob@;ann@mail.example:verified;carl@x.example:maybe',
        phones: '12345:verified;+44 20 7946 0959',
      }),
    );
    expect(outcome).toEqual({
      record: expect.objectContaining({
        emails: [{ value: 'ann@mail.example', verified: true }],
        phones: [{ value: '+442079460959', verified: false }],
      }),
      warnings: [
        {
          line: 4,
          field: 'emails',
          reason:
            'entry 1 left out: not an email address; ' +
            'entry 3 left out: the flag after the last ":" must be verified or unverified',
        },
        { line: 4, field: 'phones', reason: 'entry 1 left out: not a valid phone number in region GB' },
      ],
    });
    const reasons = JSON.stringify('warnings' in outcome ? outcome.warnings : []);
    for (const contact of ['bob@', 'carl', '12345']) expect(reasons).not.toContain(contact);
  });

  it('reads no national number in the default region when the line’s phone_region is unreadable', () => {
    const outcome = validate(3, aRow({ phone_region: 'XX' }));
    expect('record' in outcome && outcome.record.phones).toEqual([]);
    expect('warnings' in outcome && outcome.warnings).toEqual([
      { line: 3, field: 'phone_region', reason: '"XX" is not a region with a telephone numbering plan' },
      {
        line: 3,
        field: 'phones',
        reason:
          'entry 1 left out: has no +country code; write it as +<country code><number> or set phone_region',
      },
    ]);
  });
  it('reads phones in the line’s phone_region before the default one', () => {
    const outcome = validate(3, aRow({ phones: '01 42 68 53 00', phone_region: 'fr' }));
    expect('record' in outcome && outcome.record.phones).toEqual([
      { value: '+33142685300', verified: false },
    ]);
  });

  it('warns of every value left out of a line, in column order', () => {
    const outcome = validate(5, aRow({ date_of_birth: 'soon', emails: 'bob@' }));
    expect('warnings' in outcome && outcome.warnings).toEqual([
      { line: 5, field: 'emails', reason: 'entry 1 left out: not an email address' },
      { line: 5, field: 'date_of_birth', reason: '"soon" is not a calendar date written YYYY-MM-DD' },
    ]);
  });

  it('reads a line with only an id, the absent columns as empty', () => {
    expect(validate(2, { id: 'L-9' })).toEqual({
      record: {
        side: 'legacy',
        id: 'L-9',
        emails: [],
        phones: [],
        roles: [],
        partnerLinked: false,
        socialProviders: [],
        mfaMethods: [],
        socialOnly: false,
      },
      warnings: [],
    });
  });

  it('keeps declared extra attributes as trimmed text, empty ones left out', () => {
    const withAttributes = directoryRowValidator({
      side: 'legacy',
      extraAttributes: ['loyalty_number', 'branch', 'segment'],
    });
    const outcome = withAttributes(2, {
      id: 'L-1',
      loyalty_number: ' 00123 ',
      branch: '',
      segment: 'x'.repeat(201),
    });
    expect(outcome).toEqual({
      record: expect.objectContaining({ attributes: { loyalty_number: '00123' } }),
      warnings: [{ line: 2, field: 'segment', reason: 'is longer than 200 characters' }],
    });
    expect(withAttributes(3, { id: 'L-2', branch: 7 })).toEqual({
      record: expect.not.objectContaining({ attributes: expect.anything() }),
      warnings: [{ line: 3, field: 'branch', reason: 'must be text' }],
    });
  });

  it('reads the JSON forms of NDJSON', () => {
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
      warnings: [],
    });
  });
});
