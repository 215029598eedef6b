/**
 * What a downstream application sees: a plain kafkajs consumer with a group of its own reads the
 * public `rekey.migration` topic from the beginning and counts its events by type (the `ce_type`
 * header), this wave's apart: an account-migrated event names its wave, and the legacy-sessions-revoked
 * event of the same account comes with it. No Rekey library on the reading side, on purpose.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { sleep } from '../operator-api/operator-call';

export const ACCOUNT_MIGRATED = 'rekey.migration.account-migrated.v1';
export const LEGACY_SESSIONS_REVOKED = 'rekey.migration.legacy-sessions-revoked.v1';
const MIGRATION_TOPIC = 'rekey.migration';

export interface MigrationStreamCount {
  /** Events on the topic by type, every run's. */
  total: Record<string, number>;
  /** This wave's events, by type. */
  thisRun: Record<string, number>;
  /** Legacy account ids of this wave's account-migrated events (the message key). */
  migratedThisRun: string[];
}

export interface StreamCountOptions {
  brokers: string[];
  /** The platform's KAFKA_TOPIC_PREFIX, if it runs with one. */
  topicPrefix?: string;
  /** The wave whose events count as this run's. */
  waveId: string;
  /** Keep reading past the topic's end until this many account-migrated events of the wave came… */
  expectedMigrated: number;
  /** …or this long after the end was reached (events still leaving session-revocation's outbox). */
  settleMs?: number;
}

export async function countMigrationStream(options: StreamCountOptions): Promise<MigrationStreamCount> {
  const kafka = new Kafka({
    clientId: 'rekey-demo-downstream',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
  });
  const topic = `${options.topicPrefix ?? ''}${MIGRATION_TOPIC}`;
  const ends = await topicEnds(kafka, topic);
  const count: MigrationStreamCount = { total: {}, thisRun: {}, migratedThisRun: [] };
  const revokedKeys = new Set<string>();
  const consumer = kafka.consumer({ groupId: `rekey-demo-downstream-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const type = message.headers?.['ce_type']?.toString() ?? '(no ce_type)';
        count.total[type] = (count.total[type] ?? 0) + 1;
        const key = message.key?.toString();
        if (type === LEGACY_SESSIONS_REVOKED && key) revokedKeys.add(key);
        if (type === ACCOUNT_MIGRATED && key && waveOf(message.value) === options.waveId)
          count.migratedThisRun.push(key);
        const end = ends.get(partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) ends.delete(partition);
      },
    });
    const deadline = Date.now() + 60_000;
    let caughtUpAt: number | undefined;
    while (Date.now() < deadline) {
      if (ends.size === 0) caughtUpAt ??= Date.now();
      const enough = count.migratedThisRun.length >= options.expectedMigrated;
      if (caughtUpAt !== undefined && (enough || Date.now() - caughtUpAt > (options.settleMs ?? 10_000)))
        break;
      await sleep(250);
    }
  } finally {
    await consumer.disconnect();
  }
  count.thisRun[ACCOUNT_MIGRATED] = count.migratedThisRun.length;
  count.thisRun[LEGACY_SESSIONS_REVOKED] = count.migratedThisRun.filter((key) => revokedKeys.has(key)).length;
  return count;
}

/** The wave an account-migrated event names in its JSON body (`waveId`), if it parses. */
function waveOf(value: Buffer | null): string | undefined {
  try {
    const data = JSON.parse(value?.toString('utf8') ?? 'null') as { waveId?: unknown } | null;
    return typeof data?.waveId === 'string' ? data.waveId : undefined;
  } catch {
    return undefined;
  }
}

/** Each non-empty partition's end when reading starts: reading up to it is reading everything. */
async function topicEnds(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(
      offsets
        .filter((partition) => BigInt(partition.high) > BigInt(partition.low))
        .map((partition) => [partition.partition, BigInt(partition.high)]),
    );
  } finally {
    await admin.disconnect();
  }
}

export function migrationStreamText(count: MigrationStreamCount): string {
  const line = (type: string) =>
    `  ${type.padEnd(46)} ${String(count.thisRun[type] ?? 0).padStart(7)} this wave ${String(count.total[type] ?? 0).padStart(8)} on the topic`;
  const others = Object.keys(count.total).filter(
    (type) => type !== ACCOUNT_MIGRATED && type !== LEGACY_SESSIONS_REVOKED,
  );
  return [
    `A downstream consumer (plain kafkajs, a group of its own) read ${MIGRATION_TOPIC} from the beginning:`,
    line(ACCOUNT_MIGRATED),
    line(LEGACY_SESSIONS_REVOKED),
    ...others.map(line),
  ].join('\n');
}
