import { createHmac } from 'node:crypto';
import { databaseOwnerOf, serviceNamed, serviceNames } from '@rekey/service-catalog';
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

/** The database's owner, when the service does not own its database (audit), else nothing. */
export function separateOwnerOf(service: string): string | undefined {
  const entry = serviceNamed(service);
  const owner = databaseOwnerOf(entry);
  return owner === entry.role ? undefined : owner;
}

/**
 * The URL the service's migrations run with (DATABASE_MIGRATION_URL), for a service whose
 * database another role owns: `databaseUrl` with the owner's credentials.
 */
export function migrationUrlOf(adminUrl: string, databaseUrl: string, service: string): string | undefined {
  const owner = separateOwnerOf(service);
  if (!owner) return undefined;
  const url = new URL(databaseUrl);
  url.username = owner;
  url.password = serviceRolePassword(adminUrl, owner);
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
      await ensureServiceDatabase(client, adminUrl, serviceDatabaseName(service), separateOwnerOf(service));
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [provisioningLock]).catch(() => undefined);
    await client.end();
  }
}

async function ensureServiceDatabase(
  client: Client,
  adminUrl: string,
  name: string,
  owner: string | undefined,
): Promise<void> {
  await ensureLoginRole(client, adminUrl, name);
  if (owner) await ensureLoginRole(client, adminUrl, owner);
  const database = client.escapeIdentifier(name);
  const ownerRole = client.escapeIdentifier(owner ?? name);
  const databaseExists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await client.query(
    databaseExists.rowCount
      ? `ALTER DATABASE ${database} OWNER TO ${ownerRole}`
      : `CREATE DATABASE ${database} OWNER ${ownerRole} ENCODING 'UTF8' TEMPLATE template0`,
  );
  await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
  if (owner) {
    await client.query(
      `GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${client.escapeIdentifier(name)}`,
    );
    if (databaseExists.rowCount) await handOverTo(adminUrl, name, owner);
  }
}

async function ensureLoginRole(client: Client, adminUrl: string, name: string): Promise<void> {
  const role = client.escapeIdentifier(name);
  const password = client.escapeLiteral(serviceRolePassword(adminUrl, name));
  const roleExists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  await client.query(
    roleExists.rowCount
      ? `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`
      : `CREATE ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`,
  );
}

/**
 * A database provisioned while the service role owned it: its tables pass to the owner, so the
 * owner's migrations can change them and the service keeps only what those migrations grant.
 */
async function handOverTo(adminUrl: string, database: string, owner: string): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const inDatabase = new Client({ connectionString: url.toString() });
  await inDatabase.connect();
  try {
    const owned = await inDatabase.query(
      `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1 LIMIT 1`,
      [database],
    );
    if (!owned.rowCount) return;
    const service = inDatabase.escapeIdentifier(database);
    const ownerRole = inDatabase.escapeIdentifier(owner);
    // Table by table rather than REASSIGN OWNED, which would also take the role's other
    // databases; a table's serial sequences go with it.
    const tables = await inDatabase.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1 AND c.relkind IN ('r', 'p')`,
      [database],
    );
    for (const table of tables.rows) {
      await inDatabase.query(`ALTER TABLE ${inDatabase.escapeIdentifier(table.name)} OWNER TO ${ownerRole}`);
      await inDatabase.query(`GRANT ALL ON TABLE ${inDatabase.escapeIdentifier(table.name)} TO ${service}`);
    }
    await inDatabase.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${service}`);
  } finally {
    await inDatabase.end();
  }
}
