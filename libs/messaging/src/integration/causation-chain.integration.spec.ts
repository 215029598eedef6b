import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createEvent, encodeEvent, type RekeyEvent } from '@rekey/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { RecordingSpanProcessor } from '@rekey/testing';
import type { KafkajsBrokerClient } from '../broker/kafkajs-broker.adapter';
import type { BrokerProducer } from '../broker/broker.port';
import { EventConsumer } from '../inbox/event-consumer';
import { defaultRetryPolicy } from '../inbox/retry-policy';
import type { MessagingLogger } from '../messaging-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { appendToOutbox } from '../outbox/outbox-writer';
import { brokerClient, eventually, isolatedTopics, readTopic, scratchDatabase } from './messaging-fixture';
import { probe, probeRegistry, ProbeRecordedV1, runId } from './probe-event';

class RecordingLogger implements MessagingLogger {
  lines: Array<{ message: string; fields: Record<string, unknown> }> = [];
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ message, fields });
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ message, fields });
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ message, fields });
  }
}

const spans = new RecordingSpanProcessor();

describe('causation and correlation across handled events', () => {
  let database: { dataSource: DataSource; url: string };
  let topicPrefix: string;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const logger = new RecordingLogger();
  const subject = `chain-${runId()}`;

  // A handled probe writes the next one in its own transaction, as an inbox handler would.
  async function continueChain(event: RekeyEvent, manager: EntityManager): Promise<void> {
    const { sequence } = event.data as { sequence: number };
    if (sequence < 2) await appendToOutbox(manager, [probe(event.subject, sequence + 1)]);
  }

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [spans] }));
    database = await scratchDatabase('causation_chain');
    topicPrefix = await isolatedTopics([ProbeRecordedV1.topic]);
    broker = await brokerClient('causation-test', topicPrefix);
    producer = await broker.producer();
    relay = new OutboxRelay({ databaseUrl: database.url, producer, logger, pollIntervalMs: 200 });
    relay.start();
    consumer = new EventConsumer({
      name: `test.chain.${runId()}`,
      topics: [ProbeRecordedV1.topic],
      handlers: { [ProbeRecordedV1.type]: continueChain },
      registry: probeRegistry,
      dataSource: database.dataSource,
      broker,
      producer,
      logger,
      retry: { ...defaultRetryPolicy, maxAttempts: 1 },
    });
    await consumer.start();
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await broker?.close();
    await database?.dataSource.destroy();
  });

  it('records each event as caused by the one handled, in the chain of the first', async () => {
    const first = probe(subject, 0);
    await database.dataSource.transaction((manager) => appendToOutbox(manager, [first]));

    const messages = await readTopic(ProbeRecordedV1.topic, 3, {
      topicPrefix,
      matches: (message) => message.key === subject,
    });
    const [a, b, c] = [0, 1, 2].map(
      (sequence) =>
        messages.find((message) => JSON.parse(String(message.value)).sequence === sequence)!.headers,
    );
    expect(a!['ce_id']).toBe(first.id);
    expect(a!['ce_correlationid']).toBe(first.id);
    expect(a!['ce_causationid']).toBeUndefined();
    expect(b!['ce_causationid']).toBe(a!['ce_id']);
    expect(b!['ce_correlationid']).toBe(a!['ce_id']);
    expect(c!['ce_causationid']).toBe(b!['ce_id']);
    expect(c!['ce_correlationid']).toBe(a!['ce_id']);
    // What only the publish span needed never reaches the broker.
    for (const headers of [a, b, c])
      expect(Object.keys(headers!).filter((name) => name.startsWith('rekey-span'))).toEqual([]);
  }, 60_000);

  it('keeps an event’s subject off the account attribute when its data names no account', async () => {
    await eventually(() => spans.spans.some((span) => span.name.startsWith('process ')), 30_000);
    const processed = spans.spans.filter((span) => span.name.startsWith('process '));
    for (const span of processed) expect(span.attributes['rekey.legacy_account_id']).toBeUndefined();
  });

  it('names the event id, type, trace and reason of a dead-lettered message', async () => {
    const publisher = trace.getTracer('test').startSpan('publish by hand');
    const traceId = publisher.spanContext().traceId;
    const broken = encodeEvent(
      createEvent(ProbeRecordedV1, { sequence: 5 }, { source: 'messaging-test', subject }),
    );
    const headers = { ...broken.headers };
    context.with(trace.setSpan(context.active(), publisher), () =>
      propagation.inject(context.active(), headers),
    );
    publisher.end();
    await producer.publish([
      { topic: broken.topic, key: broken.key, value: Buffer.from('{"sequence":-1}'), headers },
    ]);

    await eventually(() => logger.lines.some((line) => line.message === 'message dead-lettered'), 30_000);
    const line = logger.lines.find((entry) => entry.message === 'message dead-lettered')!;
    expect(line.fields).toMatchObject({
      eventId: headers['ce_id'],
      eventType: ProbeRecordedV1.type,
      trace_id: traceId,
    });
    expect(String(line.fields['reason'])).toMatch(/sequence/);
  }, 60_000);
});
