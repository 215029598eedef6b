import { pinnedKafkaVersion, stackSettings } from './stack-settings';

describe('stackSettings', () => {
  it('uses fixed ports away from the usual ones, and the Kafka version pinned in the pom', () => {
    const settings = stackSettings({ HOME: '/home/dev' });

    expect(settings).toMatchObject({
      stackDir: '/tmp/rekey-stack',
      cacheDir: expect.stringMatching(/\.cache\/rekey$/),
      kafkaPort: 19092,
      kafkaControllerPort: 19093,
      postgresPort: 15432,
      kafkaVersion: pinnedKafkaVersion(),
      externalKafkaBrokers: undefined,
      externalPostgresUrl: undefined,
    });
    expect(settings.kafkaVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('takes external brokers and an external PostgreSQL from the environment', () => {
    const settings = stackSettings({
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      REKEY_POSTGRES_URL: 'postgres://admin:secret@db:5432/postgres',
    });

    expect(settings.externalKafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(settings.externalPostgresUrl).toBe('postgres://admin:secret@db:5432/postgres');
  });

  it('rejects a port that is not one', () => {
    expect(() => stackSettings({ REKEY_POSTGRES_PORT: 'fifteen' })).toThrow('Invalid port "fifteen"');
  });
});
