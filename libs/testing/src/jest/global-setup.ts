import { ensureLocalStack } from '../local-stack/local-stack';

/**
 * Jest global setup of every integration configuration: makes sure the local broker and database
 * run (starting them once, reusing them afterwards) and hands their addresses to the test workers.
 * It never stops them: the next run, and `npm start`, reuse the same stack.
 */
export default async function globalSetup(): Promise<void> {
  const stack = await ensureLocalStack();
  process.env.KAFKA_BROKERS = stack.kafkaBrokers.join(',');
  process.env.REKEY_POSTGRES_URL = stack.postgresAdminUrl;
  // kafkajs 2 warns on every producer that its default partitioner changed in 2.0.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
}
