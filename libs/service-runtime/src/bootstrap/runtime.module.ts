import {
  Global,
  type BeforeApplicationShutdown,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OperatorAuthModule } from '@rekey/operator-auth';
import { assertEveryRouteDeclaresAccess } from './route-access-check';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ServiceEnvironment } from '../config/service-environment';
import { HealthController } from '../health/health.controller';
import { RequestBodyInterceptor } from '../http/request-bodies';
import { TextInputInterceptor } from '../http/text-input.interceptor';
import { MessagingRuntime } from '../messaging/messaging-runtime';
import { SERVICE_CONFIG, SERVICE_LOGGER, type ServiceDefinition } from './service-definition';

class RuntimeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.start();
  }

  beforeApplicationShutdown(): void {
    this.messaging.markStopping();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messaging.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** What every service shares: its config, database, logger, Kafka runtime, health and operator auth. */
@Global()
@Module({})
export class RuntimeModule {
  static register(
    definition: ServiceDefinition,
    config: ServiceEnvironment,
    dataSource: DataSource,
    logger: Logger,
  ): DynamicModule {
    const messaging = new MessagingRuntime({
      serviceName: definition.name,
      brokers: config.KAFKA_BROKERS,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      databaseUrl: config.DATABASE_URL,
      dataSource,
      logger: {
        info: (message, fields) => logger.info(fields ?? {}, message),
        warn: (message, fields) => logger.warn(fields ?? {}, message),
        error: (message, fields) => logger.error(fields ?? {}, message),
      },
      outboxBatchSize: config.OUTBOX_BATCH_SIZE,
      outboxPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      outboxPublishIntervalMs: config.OUTBOX_PUBLISH_INTERVAL_MS,
      outboxMaxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
      inboxRetentionHours: config.INBOX_RETENTION_HOURS,
      consumerMaxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    });
    const runtime: DynamicModule = {
      module: RuntimeModule,
      imports: [
        OperatorAuthModule.forRoot({
          jwksUrl: config.OPERATOR_JWKS_URL,
          jwksPath: config.OPERATOR_JWKS_PATH,
          issuer: config.OPERATOR_JWT_ISSUER,
          audience: config.OPERATOR_JWT_AUDIENCE,
        }),
        definition.module,
      ],
      controllers: [HealthController],
      providers: [
        // In this order: a body that could not be read is refused before its text is checked.
        { provide: APP_INTERCEPTOR, useClass: RequestBodyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: TextInputInterceptor },
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_LOGGER, useValue: logger },
        { provide: DataSource, useValue: dataSource },
        { provide: MessagingRuntime, useValue: messaging },
        {
          provide: RuntimeLifecycle,
          useFactory: () => new RuntimeLifecycle(messaging, dataSource),
        },
      ],
      exports: [SERVICE_CONFIG, SERVICE_LOGGER, DataSource, MessagingRuntime, OperatorAuthModule],
    };
    assertEveryRouteDeclaresAccess(definition.name, runtime);
    return runtime;
  }
}
