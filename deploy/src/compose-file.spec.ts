import { allTopics } from '@rekey/contracts';
import { findServiceByImage, oneShotServices, readComposeFile } from './compose-file';
import { composeValidator } from './compose-schema-validator';
import { parseYaml, readRepositoryFile } from './repository-files';
import { rekeyServices } from './rekey-services';

const { text, document: compose } = readComposeFile();
const validate = composeValidator();

describe('docker-compose.yml', () => {
  it('validates against the Compose specification schema', () => {
    const result = validate(parseYaml(text));

    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is checked by a validator that rejects what Compose would reject', () => {
    const broken = parseYaml(text) as { services: Record<string, Record<string, unknown>> };
    broken.services['audit']!['helthcheck'] = { test: ['CMD', 'true'] };
    broken.services['kafka']!['ports'] = ['not a port'];

    const errors = validate(broken).errors;

    expect(errors).toContainEqual(
      expect.stringMatching(/^\/services\/audit must NOT have additional properties/),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^\/services\/kafka\/ports\/0 must match format "ports"/),
    );
  });

  it('runs the six services next to Kafka, PostgreSQL, a collector and a trace UI', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([...rekeyServices.map((service) => service.name), 'kafka', 'postgres']),
    );
    expect(findServiceByImage(compose, 'apache/kafka:')[1].image).toBe('apache/kafka:3.9.1');
    expect(findServiceByImage(compose, 'postgres:')[1].image).toBe('postgres:18');
    expect(findServiceByImage(compose, 'otel/opentelemetry-collector-contrib:')).toBeDefined();
    expect(findServiceByImage(compose, 'jaegertracing/jaeger:2.')).toBeDefined();
  });

  it('gives every long-running service a healthcheck, except the distroless collector', () => {
    const [collector] = findServiceByImage(compose, 'otel/opentelemetry-collector-contrib:');
    const jobs = oneShotServices(compose);
    const unchecked = Object.entries(compose.services)
      .filter(([name]) => !jobs.has(name) && name !== collector)
      .filter(([, service]) => !service.healthcheck?.test || service.healthcheck.disable)
      .map(([name]) => name);

    expect(unchecked).toEqual([]);
  });

  it('waits on dependencies through explicit conditions', () => {
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.values(service.depends_on ?? {})) {
        expect(['service_healthy', 'service_started', 'service_completed_successfully']).toContain(
          dependency.condition,
        );
      }
    }
  });

  it('keeps data in named volumes declared at the top level', () => {
    const named = Object.values(compose.services)
      .flatMap((service) => service.volumes ?? [])
      .map((volume) => volume.split(':')[0]!)
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));

    expect(named.sort()).toEqual(['kafka-data', 'postgres-data']);
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(named);
  });

  it('publishes ports on the loopback interface only', () => {
    const published = Object.values(compose.services).flatMap((service) => service.ports ?? []);

    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((port) => !port.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('holds no secret but overridable dev defaults', () => {
    const passwords = [...text.matchAll(/^\s*(\w*PASSWORD\w*):\s*(.+)$/gm)];
    const credentialsInUrls = [...text.matchAll(/postgres:\/\/[^:]+:([^@]+)@/g)].map((match) => match[1]);

    expect(passwords.length).toBeGreaterThan(0);
    for (const [, name, value] of passwords) expect(value).toBe(`\${${name}:-${devDefault(name!)}}`);
    for (const credential of credentialsInUrls) expect(credential).toMatch(/^\$\{\w+_PASSWORD:-\w+_dev\}$/);
  });
});

function devDefault(variable: string): string {
  return `${variable.replace(/_?(DB_)?PASSWORD$/, '').toLowerCase()}_dev`;
}

describe('Kafka in docker-compose.yml', () => {
  const [, kafka] = findServiceByImage(compose, 'apache/kafka:');
  const jobs = [...oneShotServices(compose)].map((name) => compose.services[name]!);
  const topicJob = jobs.find((job) => job.image === 'apache/kafka:3.9.1');

  it('runs a single KRaft node that creates no topic on its own', () => {
    expect(kafka.environment).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    });
    expect(Object.keys(kafka.environment ?? {}).filter((key) => key.includes('ZOOKEEPER'))).toEqual([]);
  });

  it('creates every platform topic with three partitions and its dead-letter topic with one', () => {
    const topics = String(topicJob?.environment?.['TOPICS']).split(/\s+/);

    expect([...topics, ...topics.map((topic) => `${topic}.dlq`)].sort()).toEqual(allTopics().sort());
    expect(topicJob?.environment).toMatchObject({ PARTITIONS: 3, DLQ_PARTITIONS: 1 });
    expect(topicJob?.volumes).toContain('./deploy/kafka/create-topics.sh:/opt/rekey/create-topics.sh:ro');
  });
});

describe('the trace pipeline in docker-compose.yml', () => {
  const [, collector] = findServiceByImage(compose, 'otel/opentelemetry-collector-contrib:');
  const [jaegerName, jaeger] = findServiceByImage(compose, 'jaegertracing/jaeger:2.');
  const config = parseYaml(readRepositoryFile('deploy', 'otel-collector', 'config.yaml')) as {
    receivers: { otlp: { protocols: { http: { endpoint: string } } } };
    exporters: Record<string, { endpoint: string }>;
    service: { pipelines: { traces: { receivers: string[]; processors: string[]; exporters: string[] } } };
  };

  it('loads the collector configuration from deploy/otel-collector', () => {
    expect(collector.volumes).toContain(
      './deploy/otel-collector/config.yaml:/etc/otelcol-contrib/config.yaml:ro',
    );
  });

  it('receives OTLP over HTTP on 4318, batches, and exports to Jaeger over OTLP', () => {
    const traces = config.service.pipelines.traces;

    expect(config.receivers.otlp.protocols.http.endpoint).toMatch(/:4318$/);
    expect(traces.receivers).toEqual(['otlp']);
    expect(traces.processors).toContain('batch');
    expect(traces.exporters.map((name) => config.exporters[name]?.endpoint)).toEqual([`${jaegerName}:4317`]);
  });

  it('serves the trace UI on port 16686', () => {
    expect(jaeger.ports).toContain('127.0.0.1:16686:16686');
  });
});
