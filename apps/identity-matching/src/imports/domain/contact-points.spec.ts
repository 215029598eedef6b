import {
  isEmailAddress,
  normaliseEmail,
  normaliseEmails,
  normalisePhones,
  parseFlaggedList,
} from './contact-points';
import { InvalidValue } from './field-values';

describe('normaliseEmail', () => {
  it('trims, applies Unicode NFKC and lower-cases', () => {
    expect(normaliseEmail('  ＢＯＢ＠Example.ＣＯＭ ')).toBe('bob@example.com');
    expect(normaliseEmail('Ａlice@ﬁrm.example')).toBe('alice@firm.example');
  });

  it('keeps dots and plus tags: they are a provider rule, not a safe normalisation', () => {
    expect(normaliseEmail('First.Last+news@Gmail.com')).toBe('first.last+news@gmail.com');
  });
});

describe('isEmailAddress', () => {
  it.each([
    'bob@',
    '@example.com',
    'bob',
    'bob@example',
    'bob@@example.com',
    'bo b@example.com',
    'bob@example..com',
  ])('refuses %j', (value) => expect(isEmailAddress(value)).toBe(false));

  it.each(['bob@example.com', 'o’neil@mail.example', 'élodie@exemple.fr'])('accepts %j', (value) =>
    expect(isEmailAddress(value)).toBe(true),
  );
});

describe('parseFlaggedList', () => {
  it('reads value:verified;value:unverified, defaulting to unverified', () => {
    expect(parseFlaggedList(' a@x.example:verified ; b@x.example ;c@x.example:Unverified;', 'email')).toEqual(
      [
        { value: 'a@x.example', verified: true },
        { value: 'b@x.example', verified: false },
        { value: 'c@x.example', verified: false },
      ],
    );
  });

  it('reads the NDJSON list form', () => {
    expect(
      parseFlaggedList([{ value: 'a@x.example', verified: true }, { value: 'b@x.example' }], 'email'),
    ).toEqual([
      { value: 'a@x.example', verified: true },
      { value: 'b@x.example', verified: false },
    ]);
  });

  it('refuses a flag that is neither verified nor unverified', () => {
    expect(() => parseFlaggedList('a@x.example:yes', 'email')).toThrow(
      new InvalidValue('"a@x.example:yes": the flag after the last ":" must be verified or unverified'),
    );
  });

  it('refuses a value of the wrong shape', () => {
    expect(() => parseFlaggedList([{ value: 5 }], 'phone')).toThrow(/must be text like/);
  });
});

describe('normaliseEmails', () => {
  it('keeps one entry per address, verified if any listing says so', () => {
    expect(
      normaliseEmails([
        { value: 'Bob@Example.com', verified: false },
        { value: 'bob@example.com', verified: true },
      ]),
    ).toEqual([{ value: 'bob@example.com', verified: true }]);
  });

  it('quotes the value that is not an address', () => {
    expect(() => normaliseEmails([{ value: 'bob@', verified: true }])).toThrow(
      new InvalidValue('"bob@" is not an email address'),
    );
  });
});

describe('normalisePhones', () => {
  it('writes international numbers in E.164', () => {
    expect(normalisePhones([{ value: '+44 20 7946 0958', verified: true }], undefined)).toEqual([
      { value: '+442079460958', verified: true },
    ]);
  });

  it('reads a national number in the region given', () => {
    expect(normalisePhones([{ value: '(020) 7946-0958', verified: false }], 'GB')).toEqual([
      { value: '+442079460958', verified: false },
    ]);
    expect(normalisePhones([{ value: '01 42 68 53 00', verified: false }], 'FR')[0]?.value).toBe(
      '+33142685300',
    );
  });

  it('refuses a national number when no region is known', () => {
    expect(() => normalisePhones([{ value: '020 7946 0958', verified: false }], undefined)).toThrow(
      new InvalidValue(
        '"020 7946 0958" has no +country code; write it as +<country code><number> or set phone_region',
      ),
    );
  });

  it('refuses a number that does not exist in its region', () => {
    expect(() => normalisePhones([{ value: '12345', verified: false }], 'GB')).toThrow(
      new InvalidValue('"12345" is not a valid phone number in region GB'),
    );
    expect(() => normalisePhones([{ value: '+44 1', verified: false }], undefined)).toThrow(
      new InvalidValue('"+44 1" is not a valid phone number'),
    );
  });
});
