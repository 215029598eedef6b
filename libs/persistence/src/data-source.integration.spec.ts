import { setTimeout as sleep } from 'node:timers/promises';
import { ensureLocalStack } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { createServiceDataSource } from './data-source';

// pg's pool closes a connection left idle for this long unless told otherwise.
const PG_DEFAULT_IDLE_MS = 10_000;

describe('a service data source against PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createServiceDataSource({
      url: (await ensureLocalStack()).postgresAdminUrl,
      applicationName: 'persistence-pool-test',
      entities: [],
      migrations: [],
      poolSize: 3,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** Holds every connection of the pool at once and says which server processes answered. */
  async function backendsOfABurst(): Promise<Set<number>> {
    const rows = await Promise.all(
      [1, 2, 3].map(async () => {
        const [row] = await dataSource.query<Array<{ pid: number }>>(
          'SELECT pg_backend_pid() AS pid, pg_sleep(0.2)',
        );
        return row!.pid;
      }),
    );
    return new Set(rows);
  }

  it('keeps the connections a burst opened, so the next burst finds them ready', async () => {
    const first = await backendsOfABurst();
    expect(first.size).toBe(3);

    await sleep(PG_DEFAULT_IDLE_MS + 1_500);

    expect(await backendsOfABurst()).toEqual(first);
  }, 30_000);
});
