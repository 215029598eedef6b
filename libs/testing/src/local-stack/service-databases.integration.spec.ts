import { Client } from 'pg';
import { ensureLocalStack, type LocalStack } from './local-stack';
import { ensureServiceDatabases, migrationUrlOf, separateOwnerOf, serviceNames } from './service-databases';

async function connectAs(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectAs(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const changed = new URL(url);
  changed.pathname = `/${database}`;
  return changed.toString();
}

let stack: LocalStack;

beforeAll(async () => {
  stack = await ensureLocalStack();
});

describe('service databases', () => {
  it('reports a stack it found running as not started here, so its caller leaves it up', () => {
    // The test run's global setup brought the stack up; this process only reused it.
    expect(stack.startedHere).toBe(false);
  });

  it('lets each service role, or the owner of a database it does not own, create tables in it', async () => {
    for (const service of serviceNames) {
      const database = service.replaceAll('-', '_');
      const serviceUrl = stack.databaseUrl(service);
      const ownerUrl = migrationUrlOf(stack.postgresAdminUrl, serviceUrl, service) ?? serviceUrl;
      const owner = await withClient(ownerUrl, async (client) => {
        await client.query('CREATE TABLE IF NOT EXISTS ownership_probe (id int)');
        await client.query('DROP TABLE ownership_probe');
        const { rows } = await client.query<{ user: string; database: string }>(
          'SELECT current_user AS user, current_database() AS database',
        );
        return rows[0];
      });
      expect(owner).toEqual({ user: separateOwnerOf(service) ?? database, database });
    }
  });

  it('gives a service whose database another role owns (audit) no right to create tables', async () => {
    expect(separateOwnerOf('audit')).toBe('audit_owner');
    await expect(
      withClient(stack.databaseUrl('audit'), (client) =>
        client.query('CREATE TABLE ownership_probe (id int)'),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it("refuses a service role a connection to another service's database", async () => {
    const resetIssuanceRole = stack.databaseUrl('reset-issuance');

    await expect(connectAs(withDatabase(resetIssuanceRole, 'enrollment'))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      connectAs(withDatabase(stack.databaseUrl('audit'), 'identity_matching')),
    ).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('gives service roles no power to create databases or roles', async () => {
    const rights = await withClient(stack.databaseUrl('enrollment'), async (client) => {
      const { rows } = await client.query<{
        rolsuper: boolean;
        rolcreatedb: boolean;
        rolcreaterole: boolean;
      }>('SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user');
      return rows[0];
    });
    expect(rights).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });
  });

  it('provisions again without harm, even from several callers at once', async () => {
    await Promise.all([
      ensureServiceDatabases(stack.postgresAdminUrl),
      ensureServiceDatabases(stack.postgresAdminUrl),
    ]);

    const database = await withClient(stack.databaseUrl('audit'), async (client) => {
      const { rows } = await client.query<{ database: string }>('SELECT current_database() AS database');
      return rows[0]?.database;
    });
    expect(database).toBe('audit');
  });

  it('creates a fresh, uniquely named scratch database per call', async () => {
    const [first, second] = await Promise.all([
      stack.createScratchDatabase('service databases spec'),
      stack.createScratchDatabase('service databases spec'),
    ]);

    expect(first).not.toBe(second);
    const tables = await withClient(first, async (client) => {
      const { rows } = await client.query(
        "SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'",
      );
      return rows[0]?.count as number;
    });
    expect(tables).toBe(0);
  });
});
