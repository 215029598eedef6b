import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { messagingMigrations } from '@rekey/messaging';
import { createLogger, PinoNestLogger, type TelemetryHandle } from '@rekey/observability';
import { createServiceDataSource, openServiceDatabase, redactDatabaseUrl } from '@rekey/persistence';
import { ProblemDetailsFilter } from '@rekey/problem-details';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigurationError, loadConfig } from '../config/load-config';
import type { ServiceEnvironment } from '../config/service-environment';
import { publishOpenApi } from '../http/openapi';
import { readRequestBodies } from '../http/request-bodies';
import { connectEventTransport } from '../messaging/connect-event-transport';
import { requestScope } from '../http/operator-action-log';
import { UndeclaredRouteError } from './route-access-check';
import { RuntimeModule } from './runtime.module';
import type { ServiceDefinition } from './service-definition';

export interface RunningService {
  app: INestApplication;
  url: string;
  config: ServiceEnvironment;
  stop(): Promise<void>;
}

/**
 * Starts a service: configuration first (a bad variable stops it with its name), then its
 * database and migrations, then Nest with health, OpenAPI, problem+json errors and Kafka.
 */
export async function startService(
  definition: ServiceDefinition,
  environment: NodeJS.ProcessEnv,
  telemetry?: TelemetryHandle,
): Promise<RunningService> {
  const config = loadConfig(definition.environment, environment);
  const logger = createLogger({ serviceName: definition.name, level: config.LOG_LEVEL });
  const migrations = [...messagingMigrations, ...definition.migrations];
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    applicationName: definition.name,
    entities: definition.entities,
    migrations,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const migrator = config.DATABASE_MIGRATION_URL
    ? createServiceDataSource({
        url: config.DATABASE_MIGRATION_URL,
        applicationName: `${definition.name}-migrations`,
        entities: [],
        migrations,
        // One connection holds the migration lock while another runs the migrations.
        poolSize: 2,
      })
    : undefined;
  logger.info(
    {
      database: redactDatabaseUrl(config.DATABASE_URL),
      ...(config.DATABASE_MIGRATION_URL
        ? { migrationsAs: redactDatabaseUrl(config.DATABASE_MIGRATION_URL) }
        : {}),
    },
    'opening database and applying migrations',
  );
  await openServiceDatabase(dataSource, migrator);

  const app = await NestFactory.create<NestExpressApplication>(
    RuntimeModule.register(definition, config, dataSource, logger),
    {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
      forceCloseConnections: true,
      bodyParser: false,
    },
  );
  readRequestBodies(app);
  app.use(requestScope(logger));
  app.useGlobalFilters(new ProblemDetailsFilter({ logger: new PinoNestLogger(logger) }));
  publishOpenApi(app, definition, { enabled: config.OPENAPI_DOCS });
  // Naming the framework only helps someone look up its weaknesses.
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  // Node's own default is five seconds, well under what a proxy keeps an idle connection for.
  (app.getHttpServer() as Server).keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  connectEventTransport(app);
  // The messaging runtime starts on bootstrap; the consumers, which dead-letter through its
  // producer, after it; HTTP, and so readiness, last.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  logger.info({ url }, `${definition.name} ready`);

  let stopped: Promise<void> | undefined;
  return {
    app,
    url,
    config,
    stop: () => (stopped ??= app.close().then(() => telemetry?.shutdown())),
  };
}

/** The main.ts entry: exits non-zero, naming the problem, when start-up fails. */
export async function runService(definition: ServiceDefinition, telemetry?: TelemetryHandle): Promise<void> {
  try {
    const service = await startService(definition, process.env, telemetry);
    const shutdown = () => {
      // A stuck dependency must not keep a replica from terminating.
      setTimeout(() => process.exit(1), service.config.SHUTDOWN_TIMEOUT_MS).unref();
      void service.stop().then(() => process.exit(0));
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof UndeclaredRouteError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
    } else {
      process.stderr.write(`${definition.name}: start-up failed: ${(error as Error).stack ?? error}\n`);
    }
    await telemetry?.shutdown().catch(() => undefined);
    process.exit(1);
  }
}
