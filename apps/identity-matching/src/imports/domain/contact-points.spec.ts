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
  it('reads value:verified;value:unverified, defaulting to unverified, numbering entries as written', () => {
    expect(parseFlaggedList(' a@x.example:verified ; b@x.example ;c@x.example:Unverified;', 'email')).toEqual(
      [
        { entry: 1, value: 'a@x.example', verified: true },
        { entry: 2, value: 'b@x.example', verified: false },
        { entry: 3, value: 'c@x.example', verified: false },
      ],
    );
  });

  it('reads the NDJSON list form', () => {
    expect(
      parseFlaggedList([{ value: 'a@x.example', verified: true }, { value: 'b@x.example' }], 'email'),
    ).toEqual([
      { entry: 1, value: 'a@x.example', verified: true },
      { entry: 2, value: 'b@x.example', verified: false },
    ]);
  });

  it('marks an entry whose flag is neither verified nor unverified, without its value', () => {
    expect(parseFlaggedList('b@x.example;a@x.example:yes', 'email')).toEqual([
      { entry: 1, value: 'b@x.example', verified: false },
      { entry: 2, problem: 'the flag after the last ":" must be verified or unverified' },
    ]);
  });

  it('marks an entry of the wrong shape', () => {
    expect(parseFlaggedList([{ value: 5 }], 'phone')).toEqual([
      { entry: 1, problem: expect.stringMatching(/^must be text like/) },
    ]);
  });

  it('refuses a list too long to be one person’s', () => {
    expect(() => parseFlaggedList(Array(21).fill('+442079460958').join(';'), 'phone')).toThrow(
      new InvalidValue('has more than 20 entries'),
    );
  });
});

const entries = (...values: Array<[string, boolean]>) =>
  values.map(([value, verified], index) => ({ entry: index + 1, value, verified }));

describe('normaliseEmails', () => {
  it('keeps one entry per address, verified if any listing says so', () => {
    expect(normaliseEmails(entries(['Bob@Example.com', false], ['bob@example.com', true]))).toEqual({
      contacts: [{ value: 'bob@example.com', verified: true }],
      leftOut: [],
    });
  });

  it('leaves out an entry that is not an address, keeping the others and never quoting it', () => {
    expect(normaliseEmails(entries(['bob@', true], ['ann@x.example', true]))).toEqual({
      contacts: [{ value: 'ann@x.example', verified: true }],
      leftOut: ['entry 1 left out: not an email address'],
    });
  });
});

describe('normalisePhones', () => {
  it('writes international numbers in E.164', () => {
    expect(normalisePhones(entries(['+44 20 7946 0958', true]), undefined).contacts).toEqual([
      { value: '+442079460958', verified: true },
    ]);
  });

  it('reads a national number in the region given', () => {
    expect(normalisePhones(entries(['(020) 7946-0958', false]), 'GB').contacts).toEqual([
      { value: '+442079460958', verified: false },
    ]);
    expect(normalisePhones(entries(['01 42 68 53 00', false]), 'FR').contacts[0]?.value).toBe('+33142685300');
  });

  it('leaves out a national number when no region is known', () => {
    expect(normalisePhones(entries(['020 7946 0958', false]), undefined)).toEqual({
      contacts: [],
      leftOut: [
        'entry 1 left out: has no +country code; write it as +<country code><number> or set phone_region',
      ],
    });
  });

  it('leaves out a number that does not exist in its region', () => {
    expect(normalisePhones(entries(['12345', false]), 'GB').leftOut).toEqual([
      'entry 1 left out: not a valid phone number in region GB',
    ]);
    expect(normalisePhones(entries(['+44 1', false]), undefined).leftOut).toEqual([
      'entry 1 left out: not a valid phone number',
    ]);
  });
});
