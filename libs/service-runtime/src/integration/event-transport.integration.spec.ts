import { CloudEventHeaders, encodeEvent, Topics } from '@rekey/contracts';
import {
  DeadLetterHeaders,
  KafkajsBrokerClient,
  type BrokerProducer,
  type IncomingMessage,
} from '@rekey/messaging';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, ensureDevelopmentKeys } from '@rekey/operator-auth';
import { createIsolatedTopics, ensureLocalStack } from '@rekey/testing';
import { DataSource } from 'typeorm';
import { startService, type RunningService } from '../bootstrap/start-service';
import { importCompleted, linked, probe, probeService } from './probe-service';

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('@EventPattern handlers over the inbox', () => {
  const consumer = 'transport-probe.probe';
  let service: RunningService;
  let database: DataSource;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  const seen: IncomingMessage[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;

  const effects = (eventId: string) =>
    database.query<Array<{ legacy_account_id: string; consumer: string }>>(
      'SELECT legacy_account_id, consumer FROM probe_effect WHERE event_id = $1',
      [eventId],
    );
  const inboxRows = (eventId: string) =>
    database.query<Array<{ consumer: string }>>('SELECT consumer FROM inbox_message WHERE event_id = $1', [
      eventId,
    ]);
  const deadLetter = (key: string) =>
    eventually(
      async () => seen.find((message) => message.topic === `${Topics.identity}.dlq` && message.key === key),
      Boolean,
    );
  /** Events on one partition are handled in order: once `marker` took effect, so did what came before. */
  async function publishThenMarker(...events: Parameters<typeof encodeEvent>[0][]): Promise<void> {
    const marker = linked(`MARK-${Math.random().toString(36).slice(2)}`);
    await producer.publish([...events.map(encodeEvent), encodeEvent(marker)]);
    await eventually(
      () => effects(marker.id),
      (rows) => rows.length === 1,
    );
  }

  beforeAll(async () => {
    const stack = await ensureLocalStack();
    const keys = await ensureDevelopmentKeys();
    const topicPrefix = await createIsolatedTopics([Topics.identity], 1);
    const url = await stack.createScratchDatabase('event_transport');
    dropDatabase = () => stack.dropScratchDatabase(url);
    service = await startService(probeService, {
      PORT: '0',
      DATABASE_URL: url,
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      OPERATOR_JWKS_PATH: keys.jwksPath,
      OPERATOR_JWT_ISSUER: DEVELOPMENT_ISSUER,
      OPERATOR_JWT_AUDIENCE: DEVELOPMENT_AUDIENCE,
      LOG_LEVEL: 'silent',
      CONSUMER_MAX_ATTEMPTS: '3',
      OUTBOX_POLL_INTERVAL_MS: '200',
    });
    database = new DataSource({ type: 'postgres', url });
    await database.initialize();
    broker = new KafkajsBrokerClient({
      brokers: stack.kafkaBrokers,
      clientId: 'transport-test',
      topicPrefix,
    });
    producer = await broker.producer();
    await broker.subscribe(
      { groupId: `transport-test-reader-${Date.now()}`, topics: [Topics.identity, `${Topics.identity}.dlq`] },
      async (batch) => {
        seen.push(...batch.messages);
      },
    );
  });

  afterAll(async () => {
    await service?.stop();
    await broker?.close();
    await database?.destroy();
    await dropDatabase?.();
  });

  it('hands a typed event and its inbox transaction to its handler, and reports the group as ready', async () => {
    const event = linked('L-1');
    await producer.publish([encodeEvent(event)]);

    expect(
      await eventually(
        () => effects(event.id),
        (rows) => rows.length > 0,
      ),
    ).toEqual([{ legacy_account_id: 'L-1', consumer: 'probe' }]);
    expect(await inboxRows(event.id)).toEqual([{ consumer }]);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      checks: { consumers: { detail: Record<string, { joined: boolean }> } };
    };
    expect(Object.keys(body.checks.consumers.detail)).toEqual(['probe']);
    expect(body.checks.consumers.detail['probe']?.joined).toBe(true);
  });

  it('takes a duplicate delivery into account once', async () => {
    const event = linked('L-twice');
    await publishThenMarker(event, event);

    expect(await effects(event.id)).toHaveLength(1);
    expect(await inboxRows(event.id)).toHaveLength(1);
    expect(probe.attempts.get(event.id)).toBe(1);
  });

  it('rolls back a throwing handler with its inbox row, retries it, then dead-letters it', async () => {
    const event = linked('FAIL-1');
    await producer.publish([encodeEvent(event)]);

    const letter = await deadLetter('FAIL-1');
    expect(letter?.headers[DeadLetterHeaders.code]).toBe('handler.retries-exhausted');
    expect(letter?.headers[DeadLetterHeaders.reason]).toBe('probe refused FAIL-1');
    expect(letter?.headers[DeadLetterHeaders.attempts]).toBe('3');
    expect(letter?.headers[DeadLetterHeaders.consumer]).toBe(consumer);
    // Tried as part of its batch, then alone up to the limit.
    expect(probe.attempts.get(event.id)).toBeGreaterThanOrEqual(3);
    expect(await effects(event.id)).toEqual([]);
    expect(await inboxRows(event.id)).toEqual([]);
  });

  it('dead-letters a message that does not match its event schema, naming what is wrong', async () => {
    const valid = encodeEvent(linked('BAD-1'));
    const invalid = { ...valid, value: Buffer.from(JSON.stringify({ legacyAccountId: 42 })) };
    await producer.publish([invalid]);

    const letter = await deadLetter('BAD-1');
    expect(letter?.headers[DeadLetterHeaders.code]).toBe('event.schema-violation');
    expect(letter?.headers[DeadLetterHeaders.reason]).toContain('legacyAccountId');
    expect(await inboxRows(valid.headers[CloudEventHeaders.id] ?? '')).toEqual([]);
  });

  it('skips a valid event no handler declares, without an inbox row or a dead letter', async () => {
    const event = importCompleted();
    await publishThenMarker(event);

    expect(await inboxRows(event.id)).toEqual([]);
    expect(seen.some((message) => message.topic.endsWith('.dlq') && message.key === event.subject)).toBe(
      false,
    );
  });

  it('drains the handler in flight on shutdown, then publishes what it committed', async () => {
    let release!: () => void;
    probe.release = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (probe.entered = resolve));
    const event = linked('SLOW-1');
    await producer.publish([encodeEvent(event)]);
    await entered;

    const stopped = service.stop().then(() => probe.log.push('stopped'));
    // Give shutdown time to get under way while the handler still holds its event.
    setTimeout(release, 500);
    await stopped;

    expect(probe.log).toEqual(['handled', 'stopped']);
    expect(await effects(event.id)).toHaveLength(1);
    expect(await inboxRows(event.id)).toEqual([{ consumer }]);
    const published = await eventually(
      async () =>
        seen.find(
          (message) =>
            message.topic === Topics.identity && message.headers[CloudEventHeaders.causationId] === event.id,
        ),
      Boolean,
    );
    expect(published).toBeDefined();
  });
});
