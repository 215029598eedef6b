import { findServiceByImage, readComposeFile } from './compose-file';
import { readRepositoryFile } from './repository-files';
import { databaseName, rekeyServices } from './rekey-services';

const { document: compose } = readComposeFile();
const [postgresName, postgres] = findServiceByImage(compose, 'postgres:');
const [kafkaName] = findServiceByImage(compose, 'apache/kafka:');
const [collectorName] = findServiceByImage(compose, 'otel/opentelemetry-collector-contrib:');

/** `create_service_database <name> "${<PASSWORD VARIABLE>:?…}"` lines of the init script. */
const createdDatabases = [
  ...readRepositoryFile('deploy', 'postgres', 'init-databases.sh').matchAll(
    /^create_service_database (\w+) "\$\{(\w+):\?/gm,
  ),
].map(([, name, passwordVariable]) => ({ name: name!, passwordVariable: passwordVariable! }));

const requiredEnvironment = [
  'PORT',
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'LOG_LEVEL',
  'OTEL_SERVICE_NAME',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OPERATOR_JWKS_URL',
  'OPERATOR_JWT_ISSUER',
  'OPERATOR_JWT_AUDIENCE',
];

describe.each(rekeyServices)('the $name service in docker-compose.yml', (rekeyService) => {
  const service = compose.services[rekeyService.name]!;
  const environment = service.environment ?? {};

  it('is built from deploy/Dockerfile for this service and port', () => {
    expect(service.build).toEqual({
      context: '.',
      dockerfile: 'deploy/Dockerfile',
      args: { SERVICE: rekeyService.name, PORT: String(rekeyService.port) },
    });
  });

  it('listens on its default port and publishes it', () => {
    expect(environment['PORT']).toBe(String(rekeyService.port));
    expect(service.ports).toEqual([`127.0.0.1:${rekeyService.port}:${rekeyService.port}`]);
  });

  it('gets every setting the service reads', () => {
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(requiredEnvironment));
    expect(environment).toMatchObject({
      KAFKA_BROKERS: `${kafkaName}:9092`,
      OTEL_SERVICE_NAME: rekeyService.name,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://${collectorName}:4318`,
    });
  });

  it('connects to its own database as its own role', () => {
    const url = new URL(String(environment['DATABASE_URL']));
    const name = databaseName(rekeyService);
    const created = createdDatabases.find((database) => database.name === name);

    expect([url.protocol, url.hostname, url.username, url.pathname]).toEqual([
      'postgres:',
      postgresName,
      name,
      `/${name}`,
    ]);
    expect(created).toBeDefined();
    expect(decodeURIComponent(url.password)).toContain(created!.passwordVariable);
  });

  it('starts once its database is healthy and its topics exist', () => {
    expect(service.depends_on).toMatchObject({
      [postgresName]: { condition: 'service_healthy' },
      'kafka-topics': { condition: 'service_completed_successfully' },
    });
  });

  it('reports healthy only when ready', () => {
    expect(String(service.healthcheck?.test)).toMatch(/\/health\/ready/);
  });
});

describe('PostgreSQL in docker-compose.yml', () => {
  it('creates one database and role per service, and nothing else', () => {
    expect(createdDatabases.map((database) => database.name).sort()).toEqual(
      rekeyServices.map(databaseName).sort(),
    );
  });

  it('hands the init script every role password it needs', () => {
    expect(Object.keys(postgres.environment ?? {})).toEqual(
      expect.arrayContaining(createdDatabases.map((database) => database.passwordVariable)),
    );
  });

  it('runs the init script from the entrypoint directory on first start', () => {
    expect(postgres.volumes).toContain(
      './deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/10-init-databases.sh:ro',
    );
  });

  it('keeps its data on the PostgreSQL 18 volume path', () => {
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql');
  });
});
