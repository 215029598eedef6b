import { redactDatabaseUrl } from './redact-database-url';

describe('redactDatabaseUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactDatabaseUrl('postgres://audit:s3cret@127.0.0.1:15432/audit')).toBe(
      'postgres://audit:***@127.0.0.1:15432/audit',
    );
  });

  it('never echoes a value it cannot parse', () => {
    expect(redactDatabaseUrl('not a url with s3cret')).toBe('<unparseable database url>');
  });
});
