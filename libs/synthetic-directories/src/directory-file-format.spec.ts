import { fileHeader, formatRecord } from './directory-file-format';
import type { DirectoryRecord } from './directory-record';

const anAccount = (changes: Partial<DirectoryRecord> = {}): DirectoryRecord => ({
  side: 'legacy',
  id: 'L-1',
  emails: [],
  phones: [],
  givenName: 'mary',
  familyName: 'smith',
  roles: [],
  partnerLinked: false,
  socialProviders: [],
  mfaMethods: [],
  socialOnly: false,
  ...changes,
});

function dateOfBirthWritten(record: DirectoryRecord, format: 'csv' | 'ndjson'): unknown {
  const line = formatRecord(record, format).trimEnd();
  if (format === 'ndjson') return (JSON.parse(line) as Record<string, unknown>)['date_of_birth'];
  const columns = fileHeader('csv').trimEnd().split(',');
  return line.split(',')[columns.indexOf('date_of_birth')];
}

describe('formatRecord', () => {
  it.each(['csv', 'ndjson'] as const)('writes a date of birth to %s as its ISO date', (format) => {
    expect(dateOfBirthWritten(anAccount({ dateOfBirth: '1980-03-14' }), format)).toBe('1980-03-14');
  });

  it.each(['csv', 'ndjson'] as const)(
    'writes an invalid date of birth to %s as the export wrote it',
    (format) => {
      for (const text of ['1945-04-93', '1980-13-01', '31/02/1980', '0000-00-00']) {
        expect(dateOfBirthWritten(anAccount({ invalidDateOfBirth: text }), format)).toBe(text);
      }
    },
  );
});
