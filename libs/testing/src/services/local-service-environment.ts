import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, ensureDevelopmentKeys } from '@rekey/operator-auth';
import { ensureLocalStack } from '../local-stack/local-stack';
import type { ServiceName } from '../local-stack/service-databases';

/**
 * What one service needs to run against the local stack: its own database role, the broker, and
 * the development key that `npm run token` signs operator tokens with. Telemetry stays local
 * unless OTEL_* variables say otherwise.
 */
export async function localServiceEnvironment(name: ServiceName): Promise<NodeJS.ProcessEnv> {
  const stack = await ensureLocalStack();
  const keys = await ensureDevelopmentKeys();
  const migrationUrl = stack.migrationUrl(name, stack.databaseUrl(name));
  return {
    DATABASE_URL: stack.databaseUrl(name),
    ...(migrationUrl ? { DATABASE_MIGRATION_URL: migrationUrl } : {}),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    OPERATOR_JWKS_PATH: keys.jwksPath,
    OPERATOR_JWT_ISSUER: DEVELOPMENT_ISSUER,
    OPERATOR_JWT_AUDIENCE: DEVELOPMENT_AUDIENCE,
    OTEL_TRACES_EXPORTER: process.env['OTEL_TRACES_EXPORTER'] ?? 'none',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
  };
}
