import { DataSource, type MigrationInterface, type EntitySchema } from 'typeorm';

type Entity = string | (new (...args: never[]) => unknown) | EntitySchema;
type Migration = new () => MigrationInterface;

export interface ServiceDataSourceOptions {
  /** The service's own database, reached with the service's own role. */
  url: string;
  /** Shows in pg_stat_activity, so an operator sees which service holds a connection. */
  applicationName: string;
  entities: Entity[];
  migrations: Migration[];
  poolSize?: number;
}

/**
 * A service's database: its own entities and migrations, never `synchronize`, so the schema only
 * changes through reviewed migrations.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // A pool that keeps what it opens: pg closes idle connections after ten seconds by default,
    // and under steady load the least used ones go idle; the next burst then waits for new ones
    // (authentication, a new backend, its statement caches cold), which turns a blip into a stall.
    extra: { max: options.poolSize ?? 10, min: options.poolSize ?? 10 },
  });
}

/**
 * Connects and applies pending migrations. Replicas starting together take turns on an advisory
 * lock, so each migration runs once. With `migrator` (a data source on the owner's URL, same
 * migrations), migrations run through it and it is closed afterwards: the service's own role
 * then needs no right to change the schema.
 */
export async function openServiceDatabase(
  dataSource: DataSource,
  migrator?: DataSource,
): Promise<DataSource> {
  if (migrator) {
    await migrate(migrator).finally(() => (migrator.isInitialized ? migrator.destroy() : undefined));
    if (!dataSource.isInitialized) await dataSource.initialize();
    return dataSource;
  }
  return migrate(dataSource);
}

async function migrate(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

const MIGRATION_LOCK = 0x4d49475241; // "MIGRA"
