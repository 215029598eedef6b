import { z } from 'zod';

const brokerList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port[,host:port...]')).min(1));

const postgresUrl = z
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'expected a postgres:// URL');

const positiveInt = z.coerce.number().int().positive();

// What Kafka allows in a topic name, leaving room for the platform's own names after it.
const topicPrefix = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-"');

/** Variables every Rekey service reads. */
export const serviceEnvironmentShape = {
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('127.0.0.1'),
  // Above the idle timeout of the proxies in front (60 s for most load balancers): a connection
  // the service closed first can take a request in flight down with it.
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt.default(65_000),
  DATABASE_URL: postgresUrl,
  // The database owner's URL, when the service's own role may not change its schema (audit):
  // migrations run with it, then the service connects with DATABASE_URL alone.
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  KAFKA_BROKERS: brokerList,
  KAFKA_TOPIC_PREFIX: topicPrefix.default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The OpenAPI page (/docs) and document (/docs-json); production may keep its API surface unlisted.
  OPENAPI_DOCS: z.stringbool().default(true),
  OPERATOR_JWKS_URL: z.url().optional(),
  OPERATOR_JWKS_PATH: z.string().min(1).optional(),
  OPERATOR_JWT_ISSUER: z.string().min(1),
  OPERATOR_JWT_AUDIENCE: z.string().min(1),
  OUTBOX_BATCH_SIZE: positiveInt.default(500),
  OUTBOX_POLL_INTERVAL_MS: positiveInt.default(1_000),
  OUTBOX_PUBLISH_INTERVAL_MS: positiveInt.default(20),
  OUTBOX_MAX_ATTEMPTS: positiveInt.default(5),
  OUTBOX_RETENTION_HOURS: positiveInt.default(168),
  INBOX_RETENTION_HOURS: positiveInt.default(720),
  CONSUMER_MAX_ATTEMPTS: positiveInt.default(5),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(15_000),
};

const sharedEnvironment = z.object(serviceEnvironmentShape);
export type ServiceEnvironment = z.infer<typeof sharedEnvironment>;

/** A service's environment: the shared variables plus its own. */
export function serviceEnvironment<S extends z.ZodRawShape = Record<never, never>>(
  own?: S,
): z.ZodType<ServiceEnvironment & z.infer<z.ZodObject<S>>> {
  return sharedEnvironment
    .extend(own ?? {})
    .refine((env) => Boolean(env.OPERATOR_JWKS_URL || env.OPERATOR_JWKS_PATH), {
      message: 'set OPERATOR_JWKS_URL (an OIDC provider JWKS) or OPERATOR_JWKS_PATH (a local JWKS file)',
      path: ['OPERATOR_JWKS_URL'],
    }) as unknown as z.ZodType<ServiceEnvironment & z.infer<z.ZodObject<S>>>;
}

export const ServiceEnvironment = serviceEnvironment();
