import { deletePlatformTopics, ensurePlatformTopics } from '../local-stack/kafka-topics';
import { ensureLocalStack } from '../local-stack/local-stack';
import { newTopicNamespace } from '../local-stack/topic-namespaces';
import type { ServiceName } from '../local-stack/service-databases';
import { localServiceEnvironment } from './local-service-environment';

/**
 * A platform of its own on the shared local stack: every service gets a fresh database, owned by
 * its role, and all of them a fresh copy of the platform topics under one prefix. What `npm start`,
 * a benchmark or an earlier test left in the developer's databases and topics is neither seen nor
 * disturbed, and a consumer reading "from the beginning" starts from nothing.
 */
export interface IsolatedPlatform {
  /** KAFKA_TOPIC_PREFIX of the services started in it. */
  readonly topicPrefix: string;
  /** The local stack's brokers, for a test's own Kafka clients. */
  readonly kafkaBrokers: string[];
  /** The environment `name` runs with here; its database is created on the first call. */
  serviceEnvironment(name: ServiceName): Promise<NodeJS.ProcessEnv>;
  /** The service's database URL here (its own role), creating the database if needed. */
  databaseUrl(name: ServiceName): Promise<string>;
  /** Drops the databases and topics, once its services have stopped. */
  dispose(): Promise<void>;
}

export async function isolatedPlatform(label: string): Promise<IsolatedPlatform> {
  const stack = await ensureLocalStack();
  const topicPrefix = newTopicNamespace(label);
  await ensurePlatformTopics(stack.kafkaBrokers, topicPrefix);
  const databases = new Map<ServiceName, Promise<string>>();
  const databaseUrl = (name: ServiceName) => {
    let url = databases.get(name);
    if (!url) {
      url = stack.createScratchDatabase(`${label}_${name}`, name);
      databases.set(name, url);
    }
    return url;
  };
  return {
    topicPrefix,
    kafkaBrokers: stack.kafkaBrokers,
    databaseUrl,
    serviceEnvironment: async (name) => {
      const url = await databaseUrl(name);
      const { DATABASE_MIGRATION_URL: _local, ...local } = await localServiceEnvironment(name);
      const migrationUrl = stack.migrationUrl(name, url);
      return {
        ...local,
        DATABASE_URL: url,
        ...(migrationUrl ? { DATABASE_MIGRATION_URL: migrationUrl } : {}),
        KAFKA_TOPIC_PREFIX: topicPrefix,
      };
    },
    dispose: async () => {
      const urls = await Promise.allSettled(databases.values());
      databases.clear();
      await Promise.all([
        ...urls.flatMap((url) => (url.status === 'fulfilled' ? [stack.dropScratchDatabase(url.value)] : [])),
        deletePlatformTopics(stack.kafkaBrokers, topicPrefix),
      ]);
    },
  };
}
