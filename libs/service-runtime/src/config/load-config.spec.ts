import { ConfigurationError, loadConfig } from './load-config';
import { ServiceEnvironment } from './service-environment';

const complete = {
  PORT: '3102',
  DATABASE_URL: 'postgres://reset_issuance:pw@127.0.0.1:15432/reset_issuance',
  KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094',
  OPERATOR_JWKS_PATH: '/tmp/jwks.json',
  OPERATOR_JWT_ISSUER: 'https://issuer.example',
  OPERATOR_JWT_AUDIENCE: 'rekey-operator-api',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(ServiceEnvironment, env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('loadConfig', () => {
  it('parses a complete environment with its defaults', () => {
    const config = loadConfig(ServiceEnvironment, complete);
    expect(config.PORT).toBe(3102);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092', '127.0.0.1:19094']);
    expect(config.OUTBOX_BATCH_SIZE).toBe(500);
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
    expect(config.OUTBOX_RETENTION_HOURS).toBe(168);
    expect(config.INBOX_RETENTION_HOURS).toBe(720);
    expect(config.HTTP_KEEP_ALIVE_TIMEOUT_MS).toBe(65_000);
    expect(config.OPENAPI_DOCS).toBe(true);
  });

  it('turns the OpenAPI page off, and refuses a value that is not a boolean', () => {
    expect(loadConfig(ServiceEnvironment, { ...complete, OPENAPI_DOCS: 'false' }).OPENAPI_DOCS).toBe(false);
    expect(problemsOf({ ...complete, OPENAPI_DOCS: 'sometimes' })[0]).toMatch(/^OPENAPI_DOCS: /);
  });

  it('takes a topic prefix Kafka can carry, and refuses one it cannot', () => {
    expect(
      loadConfig(ServiceEnvironment, { ...complete, KAFKA_TOPIC_PREFIX: 'staging.' }).KAFKA_TOPIC_PREFIX,
    ).toBe('staging.');
    expect(problemsOf({ ...complete, KAFKA_TOPIC_PREFIX: 'stag ing/' })[0]).toMatch(/^KAFKA_TOPIC_PREFIX: /);
  });

  it('names a missing variable', () => {
    const { DATABASE_URL: _omitted, ...rest } = complete;
    expect(problemsOf(rest)).toEqual(['DATABASE_URL: is required but not set']);
  });

  it('names a malformed variable without echoing its value', () => {
    const problems = problemsOf({ ...complete, DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL: /);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('refuses a broker list that is not host:port', () => {
    expect(problemsOf({ ...complete, KAFKA_BROKERS: 'localhost' })[0]).toMatch(/^KAFKA_BROKERS/);
  });

  it('needs a way to verify operator tokens', () => {
    const { OPERATOR_JWKS_PATH: _omitted, ...rest } = complete;
    expect(problemsOf(rest)[0]).toMatch(/^OPERATOR_JWKS_URL: set OPERATOR_JWKS_URL/);
  });
});
