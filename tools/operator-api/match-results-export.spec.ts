import { CSV_COLUMNS, csvField, csvLine, csvRowOf, type MatchResultItem } from './match-results-export';

const aResult = (overrides: Partial<MatchResultItem> = {}): MatchResultItem => ({
  legacyAccountId: 'L-1',
  outcome: 'review',
  band: 'medium',
  probability: 0.95,
  targetAccountId: 'T-1',
  reviewReasons: ['medium_band', 'shared_contact'],
  segments: ['shared_contact', 'inactive'],
  primarySegment: 'shared_contact',
  contactState: 'verified',
  storedByRunId: '0198a0b2-0000-7000-8000-000000000001',
  updatedAt: '2026-06-01T00:00:00.000Z',
  ...overrides,
});

/** RFC 4180 read back: enough of a parser to prove what a spreadsheet would see. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      field += '"';
      index++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  return [...fields, field];
}

describe('CSV export of match results', () => {
  it('leaves plain values as they are', () => {
    expect(csvField('L-100234')).toBe('L-100234');
    expect(csvField('')).toBe('');
  });

  it('quotes values holding a comma, a quote, a line break or edge spaces, doubling quotes', () => {
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('ends each line with CRLF and puts the header in the documented column order', () => {
    expect(csvLine(CSV_COLUMNS)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes evidence as one compact JSON column that reads back unchanged', () => {
    const evidence = {
      method: 'probabilistic',
      blockingRules: ['email-local-part'],
      fields: [{ field: 'familyName', level: 'jaro-winkler>=0.92', weight: 4.2 }],
    };
    const nearMisses = [{ targetId: 'T-9, "b"', probability: 0.3, weight: -1 }];
    const line = csvRowOf(aResult({ legacyAccountId: 'L-"odd",id', evidence, nearMisses }));
    expect(line.endsWith('\r\n')).toBe(true);
    const fields = parseCsvLine(line.slice(0, -2));
    expect(fields).toHaveLength(CSV_COLUMNS.length);
    const column = (name: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(name)];
    expect(column('legacy_account_id')).toBe('L-"odd",id');
    expect(JSON.parse(column('evidence') as string)).toEqual(evidence);
    expect(JSON.parse(column('near_misses') as string)).toEqual(nearMisses);
    expect(column('review_reasons')).toBe('medium_band;shared_contact');
    expect(column('segments')).toBe('shared_contact;inactive');
    expect(column('probability')).toBe('0.95');
  });

  it('leaves absent values empty: no target, no evidence, no contact state yet', () => {
    const fields = parseCsvLine(
      csvRowOf(
        aResult({ targetAccountId: undefined, contactState: null, reviewReasons: [], outcome: 'new' }),
      ).slice(0, -2),
    );
    const column = (name: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(name)];
    expect(column('target_account_id')).toBe('');
    expect(column('evidence')).toBe('');
    expect(column('near_misses')).toBe('');
    expect(column('contact_state')).toBe('');
    expect(column('review_reasons')).toBe('');
  });
});
