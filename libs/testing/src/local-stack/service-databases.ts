import { createHmac } from 'node:crypto';
import { serviceNamed, serviceNames } from '@rekey/service-catalog';
import { Client } from 'pg';

export { serviceNames, type ServiceName } from '@rekey/service-catalog';

/**
 * `reset-issuance` → `reset_issuance`: the service's database, which its login role of the same
 * name owns (the service catalog guarantees they match).
 */
export function serviceDatabaseName(service: string): string {
  return serviceNamed(service).database;
}

/**
 * Derived from the admin password, so every process that knows the admin URL (Jest workers,
 * `npm start`) computes the same role passwords without a shared secret file, while nobody
 * without the admin password can guess them.
 */
export function serviceRolePassword(adminUrl: string, role: string): string {
  const adminPassword = decodeURIComponent(new URL(adminUrl).password);
  return createHmac('sha256', adminPassword).update(`rekey-role:${role}`).digest('base64url').slice(0, 32);
}

/** The URL a service uses: its own role, its own database, on the admin URL's server. */
export function serviceDatabaseUrl(adminUrl: string, service: string): string {
  const name = serviceDatabaseName(service);
  const url = new URL(adminUrl);
  url.username = name;
  url.password = serviceRolePassword(adminUrl, name);
  url.pathname = `/${name}`;
  return url.toString();
}

// Any constant works; it only serialises provisioning across processes sharing one server.
const provisioningLock = 7_310_221;

/**
 * Creates (or repairs) one database and one login role per service, the role owning only its
 * database and PUBLIC losing CONNECT, so no service can open another's database. Idempotent and
 * safe to run from several processes at once.
 */
export async function ensureServiceDatabases(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [provisioningLock]);
    for (const service of serviceNames) {
      await ensureServiceDatabase(client, adminUrl, serviceDatabaseName(service));
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [provisioningLock]).catch(() => undefined);
    await client.end();
  }
}

async function ensureServiceDatabase(client: Client, adminUrl: string, name: string): Promise<void> {
  const role = client.escapeIdentifier(name);
  const password = client.escapeLiteral(serviceRolePassword(adminUrl, name));
  const roleExists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  await client.query(
    roleExists.rowCount
      ? `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`
      : `CREATE ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`,
  );
  const databaseExists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await client.query(
    databaseExists.rowCount
      ? `ALTER DATABASE ${role} OWNER TO ${role}`
      : `CREATE DATABASE ${role} OWNER ${role} ENCODING 'UTF8' TEMPLATE template0`,
  );
  await client.query(`REVOKE ALL ON DATABASE ${role} FROM PUBLIC`);
}
