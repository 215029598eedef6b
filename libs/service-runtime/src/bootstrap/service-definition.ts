import type { DynamicModule, Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { z } from 'zod';
import type { ServiceEnvironment } from '../config/service-environment';

export interface ServiceDefinition<E extends z.ZodType<ServiceEnvironment> = z.ZodType<ServiceEnvironment>> {
  name: string;
  description: string;
  version: string;
  /** The service's environment: ServiceEnvironment plus its own variables. */
  environment: E;
  /** The service's Nest module; it may inject SERVICE_CONFIG, DataSource, MessagingRuntime and SERVICE_LOGGER. */
  module: Type<unknown> | DynamicModule;
  entities: Array<Type<unknown>>;
  /** Its own migrations; the outbox and inbox tables are added by the runtime. */
  migrations: Array<new () => MigrationInterface>;
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
