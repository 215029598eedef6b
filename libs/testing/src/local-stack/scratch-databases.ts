import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  separateOwnerOf,
  serviceDatabaseName,
  serviceRolePassword,
  type ServiceName,
} from './service-databases';

const scratchPrefix = 'scratch_';
// No test file or benchmark runs this long (the longest bench is bounded at 30 minutes); older
// scratch databases are leftovers of finished runs. Each one left costs the server an autovacuum
// visit per minute: a few hundred of them keep a core of a small machine busy, and the benchmarks
// measure the machine.
const leftoverAgeSeconds = 45 * 60;

/**
 * A fresh database with a unique name, for one test file, on the admin URL's server; returns its
 * URL. Without `service` it is reached with admin credentials, so tests may run any migration;
 * with it, the database belongs to that service's role and is reached as that role, as the
 * service reaches its own. Leftovers of earlier runs are dropped on the way, so the local server
 * does not fill up.
 */
export async function createScratchDatabase(
  adminUrl: string,
  prefix: string,
  service?: ServiceName,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const label = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  const name = `${scratchPrefix}${label || 'test'}_${now.toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await dropLeftovers(client, now);
    const ownerRole = service ? (separateOwnerOf(service) ?? serviceDatabaseName(service)) : undefined;
    const owner = ownerRole ? ` OWNER ${client.escapeIdentifier(ownerRole)}` : '';
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${owner}`);
    if (service && ownerRole !== serviceDatabaseName(service)) {
      // The service connects as its own role, which owns nothing here (see separateOwnerOf).
      const database = client.escapeIdentifier(name);
      await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
      await client.query(
        `GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${client.escapeIdentifier(serviceDatabaseName(service))}`,
      );
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (service) {
    const role = serviceDatabaseName(service);
    url.username = role;
    url.password = serviceRolePassword(adminUrl, role);
  }
  return url.toString();
}

async function dropLeftovers(client: Client, now: number): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [scratchPrefix],
  );
  for (const { datname } of rows) {
    const createdAt = parseInt(datname.split('_').at(-2) ?? '', 36);
    if (!Number.isFinite(createdAt) || now - createdAt < leftoverAgeSeconds) continue;
    // Another process may be dropping the same leftover: losing that race is fine.
    await client
      .query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`)
      .catch(() => undefined);
  }
}

/**
 * Drops a scratch database once its user is done with it. Benchmarks call it: their databases
 * hold gigabytes, and vacuuming a finished one would weigh on the next measurement.
 */
export async function dropScratchDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name.startsWith(scratchPrefix)) throw new Error(`${name} is not a scratch database`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
