import type { ImportReport } from './identity-matching-api';
import { importReportText } from './match-report-text';

const aReport = (changes: Partial<ImportReport> = {}): ImportReport => ({
  id: 'I-1',
  status: 'completed',
  counts: { read: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 1, warnings: 2 },
  missingColumns: [],
  rejections: [{ line: 5, field: 'id', reason: 'is empty; every line needs the account id' }],
  warnings: [
    { line: 3, field: 'date_of_birth', reason: '"1945-04-93" is not a calendar date written YYYY-MM-DD' },
    { line: 4, field: 'phones', reason: 'entry 1 left out: not a valid phone number in region GB' },
  ],
  ...changes,
});

describe('importReportText', () => {
  it('ends with the rejected lines and the field warnings, each counted and listed as file:line', () => {
    expect(importReportText(aReport(), 'legacy.csv', 'http://svc')).toBe(
      [
        'import I-1: completed',
        '  read 4, inserted 3, updated 0, unchanged 0',
        'rejected lines (not imported): 1',
        '  legacy.csv:5  id  is empty; every line needs the account id',
        'field warnings (value left out, line imported): 2',
        '  legacy.csv:3  date_of_birth  "1945-04-93" is not a calendar date written YYYY-MM-DD',
        '  legacy.csv:4  phones  entry 1 left out: not a valid phone number in region GB',
      ].join('\n'),
    );
  });

  it('names the columns the file lacked and where to page the rest', () => {
    const text = importReportText(
      aReport({
        counts: { read: 400, inserted: 300, updated: 0, unchanged: 0, rejected: 100, warnings: 250 },
        missingColumns: ['partner_linked', 'social_only'],
      }),
      'legacy.csv',
      'http://svc',
    );
    expect(text).toContain(
      'columns the file lacks, read as empty on every line: partner_linked, social_only',
    );
    expect(text).toContain('rejected lines (not imported): 100 (the first 1 below)');
    expect(text).toContain(
      'all stored warnings: GET http://svc/operator/imports/I-1/warnings?after=<next>&limit=1000',
    );
  });

  it('says plainly when nothing was rejected or left out', () => {
    const text = importReportText(
      aReport({
        counts: { read: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0, warnings: 0 },
        rejections: [],
        warnings: [],
      }),
      'legacy.csv',
      'http://svc',
    );
    expect(text.split('\n').slice(-2)).toEqual([
      'rejected lines (not imported): 0',
      'field warnings (value left out, line imported): 0',
    ]);
  });
});
