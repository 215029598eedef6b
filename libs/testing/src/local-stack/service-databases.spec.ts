import { serviceDatabaseName, serviceDatabaseUrl, serviceNames } from './service-databases';

const adminUrl = 'postgres://postgres:admin-secret@127.0.0.1:15432/postgres';

describe('service databases', () => {
  it('names each database and role after its service, with underscores', () => {
    expect(serviceNames.map(serviceDatabaseName)).toEqual([
      'identity_matching',
      'reset_issuance',
      'enrollment',
      'session_revocation',
      'fraud_monitoring',
      'audit',
    ]);
  });

  it('rejects a service it does not know, instead of pointing at a database that does not exist', () => {
    expect(() => serviceDatabaseName('billing')).toThrow('Unknown service "billing"');
  });

  it("gives a service a URL with its own role and database, never the admin's password", () => {
    const url = new URL(serviceDatabaseUrl(adminUrl, 'reset-issuance'));

    expect(url.username).toBe('reset_issuance');
    expect(url.pathname).toBe('/reset_issuance');
    expect(url.host).toBe('127.0.0.1:15432');
    expect(url.password).not.toBe('admin-secret');
    expect(url.password.length).toBeGreaterThanOrEqual(32);
  });

  it('derives a distinct, stable password per role', () => {
    const passwordOf = (service: string) => new URL(serviceDatabaseUrl(adminUrl, service)).password;

    expect(passwordOf('audit')).toBe(passwordOf('audit'));
    expect(new Set(serviceNames.map(passwordOf)).size).toBe(serviceNames.length);
  });
});
