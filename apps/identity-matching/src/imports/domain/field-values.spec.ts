import {
  InvalidValue,
  parseBoolean,
  parseCountryCode,
  parseDate,
  parseList,
  parseText,
  parseTimestamp,
} from './field-values';

describe('field values', () => {
  it('reads yes/no values in their usual spellings, empty meaning no', () => {
    expect(['true', 'YES', 'y', '1', true].map(parseBoolean)).toEqual([true, true, true, true, true]);
    expect(['false', 'No', 'n', '0', '', null, false].map(parseBoolean)).toEqual(Array(7).fill(false));
    expect(() => parseBoolean('maybe')).toThrow(
      new InvalidValue('"maybe" is not a yes/no value; write true or false'),
    );
  });

  it('reads calendar dates and refuses impossible ones', () => {
    expect(parseDate('1985-02-28')).toBe('1985-02-28');
    expect(parseDate('')).toBeUndefined();
    expect(() => parseDate('1985-02-30')).toThrow(
      new InvalidValue('"1985-02-30" is not a calendar date written YYYY-MM-DD'),
    );
    expect(() => parseDate('28/02/1985')).toThrow(/is not a calendar date/);
  });

  it('reads timestamps with a time zone and refuses those without', () => {
    expect(parseTimestamp('2024-05-01T09:30:00+02:00')).toEqual(new Date('2024-05-01T07:30:00Z'));
    expect(parseTimestamp('2024-05-01 09:30:00.123Z')).toEqual(new Date('2024-05-01T09:30:00.123Z'));
    expect(() => parseTimestamp('2024-05-01T09:30:00')).toThrow(
      new InvalidValue(
        '"2024-05-01T09:30:00" is not an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T09:30:00Z',
      ),
    );
    expect(() => parseTimestamp('2024-02-30T00:00:00Z')).toThrow(/is not an ISO 8601 timestamp/);
  });

  it('reads lists separated by semicolons or given as JSON arrays, without blanks or repeats', () => {
    const options = { maxItems: 3, maxLength: 10, lowerCase: true };
    expect(parseList(' Google ;apple;;google', options)).toEqual(['google', 'apple']);
    expect(parseList(['totp', 'SMS'], options)).toEqual(['totp', 'sms']);
    expect(() => parseList('a;b;c;d', options)).toThrow(new InvalidValue('has more than 3 items'));
    expect(() => parseList([1], options)).toThrow(/must be text separated by ";"/);
  });

  it('reads text trimmed, and refuses text too long', () => {
    expect(parseText('  Zoë ', 10)).toBe('Zoë');
    expect(parseText('   ', 10)).toBeUndefined();
    expect(() => parseText('x'.repeat(11), 10)).toThrow(new InvalidValue('is longer than 10 characters'));
    expect(() => parseText(5, 10)).toThrow(new InvalidValue('must be text'));
  });

  it('reads two-letter country codes', () => {
    expect(parseCountryCode('gb')).toBe('GB');
    expect(() => parseCountryCode('United Kingdom')).toThrow(
      new InvalidValue('"United Kingdom" is not a two-letter ISO 3166-1 country code, e.g. GB'),
    );
  });
});
