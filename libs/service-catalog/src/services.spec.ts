import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isServiceName, rekeyServices, serviceNamed, serviceNames } from './index';

const workspace = path.resolve(__dirname, '..', '..', '..');
const appFolders = readdirSync(path.join(workspace, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'rekey-e2e')
  .map((entry) => entry.name);

describe('the service catalog', () => {
  it('lists exactly the services under apps/', () => {
    expect([...serviceNames].sort()).toEqual([...appFolders].sort());
  });

  it('gives each service a port, a database and a role of its own', () => {
    for (const field of ['port', 'database', 'role'] as const) {
      const values = rekeyServices.map((service) => service[field]);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('names database and role after the service, as PostgreSQL identifiers without quoting', () => {
    for (const service of rekeyServices) {
      expect(service.database).toBe(service.name.replaceAll('-', '_'));
      expect(service.role).toBe(service.database);
      expect(service.database).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
  });

  it('refuses a name that is not a service', () => {
    expect(isServiceName('audit')).toBe(true);
    expect(isServiceName('payments')).toBe(false);
    expect(serviceNamed('enrollment').port).toBe(3103);
    expect(() => serviceNamed('payments')).toThrow('Unknown service "payments"');
  });
});
