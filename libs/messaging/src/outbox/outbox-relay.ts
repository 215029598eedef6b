import type { Span } from '@opentelemetry/api';
import { BackgroundLoop, type TickOutcome } from '@rekey/background';
import { Client } from 'pg';
import type { BrokerProducer, OutgoingMessage } from '../broker/broker.port';
import { isPublishRefused } from '../broker/publish.errors';
import { endSpans, startPublishSpan } from '../tracing/message-tracing';
import { OutboxParking } from './outbox-parking';
import { OUTBOX_CHANNEL } from './outbox-writer';
import { keyOf, RefusedRows } from './refused-rows';
import type { MessagingLogger } from '../messaging-logger';

export interface OutboxRelayOptions {
  databaseUrl: string;
  producer: BrokerProducer;
  logger: MessagingLogger;
  /** Rows published per broker request. */
  batchSize?: number;
  /** Fallback when a notification is missed (e.g. the listening connection was down). */
  pollIntervalMs?: number;
  /**
   * Least time between two broker requests while rows keep coming. Without it a relay woken by
   * every commit sends one row per request, and at hundreds of commits a second the relay, the
   * database and the broker spend more on round trips than the writers spend on their work.
   */
  publishIntervalMs?: number;
  /** Refusals for good (too large, invalid topic, not authorised) after which a row is parked. */
  maxAttempts?: number;
  /** Ceiling of the wait before a refused row is tried again, doubled at each refusal (up to 10 s). */
  refusalBackoffMs?: number;
  /** For deterministic tests of the backoffs. */
  random?: () => number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

// One relay per database publishes at a time, so the outbox drains in commit-id order and one key's
// events reach the broker in the order they were written, however many replicas run.
const RELAY_LOCK = 0x52454b4559; // "REKEY"

/**
 * Publishes committed outbox rows to the broker and marks them sent. Wakes on NOTIFY from the
 * writing transaction's commit, polls as a fallback, and stands by while another replica leads.
 * The first row after a quiet spell goes at once; while rows keep coming, one request per
 * `publishIntervalMs` carries all of them.
 *
 * A row the broker refuses for good holds back the later rows of its key (topic and message key)
 * while it is tried again, and is parked after `maxAttempts`; rows of other keys go on meanwhile.
 * Transient failures are never counted: the producer retries them until the broker answers.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private client: Client | undefined;
  private leading = false;
  private readonly loop: BackgroundLoop;
  private readonly parking: OutboxParking;
  private readonly refused: RefusedRows;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    const pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.refused = new RefusedRows(options.refusalBackoffMs ?? 500, options.random);
    this.parking = new OutboxParking(options.maxAttempts ?? 5, options.logger);
    // One tick drains the outbox batch after batch, with nothing added per row. After a tick that
    // published, the loop waits `publishIntervalMs` whatever is notified, so the next commits
    // gather into one request; after an idle one it waits for a commit's NOTIFY (`wake`), the
    // poll interval, or the next refused row falling due, whichever comes first.
    this.loop = new BackgroundLoop({
      name: 'outbox relay',
      intervalMs: pollIntervalMs,
      workedIntervalMs: options.publishIntervalMs ?? 20,
      idleIntervalMs: () => this.refused.waitAtMost(pollIntervalMs),
      runAtStart: true,
      backoff: { initialDelayMs: 400, maxDelayMs: 10_000 },
      // Each event's publish span is already the child of the transaction that wrote it; a root
      // span per batch, every few milliseconds under load, would only bury those traces.
      traceTicks: false,
      log: options.logger,
      random: options.random,
      tick: (signal) => this.tick(signal),
    });
  }

  isLeading(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop.start();
  }

  /** Publishes what is committed, then lets go of the lock and the connection. */
  async stop(): Promise<void> {
    if (!this.loop.running) return;
    await this.loop.stop();
    try {
      if (this.leading && this.client) while ((await this.publishBatch()) === this.batchSize);
    } catch (error) {
      this.options.logger.warn('outbox relay could not flush on shutdown', { error: describe(error) });
    }
    await this.disconnect();
  }

  private async tick(signal: AbortSignal): Promise<TickOutcome> {
    try {
      await this.connect();
      if (!this.leading) this.leading = await this.tryLead();
      if (!this.leading) return 'idle';
      let published: number;
      while ((published = await this.publishBatch()) === this.batchSize) {
        if (signal.aborted) break;
      }
      return published > 0 ? 'worked' : 'idle';
    } catch (error) {
      // A new connection (and a new try for the lock) after the backoff.
      await this.disconnect();
      throw error;
    }
  }

  /** Publishes up to one batch; returns how many rows it took (sent, refused or held back). */
  private async publishBatch(): Promise<number> {
    const client = this.client!;
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, topic, message_key, payload, headers FROM outbox_message
       WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    let due = this.refused.due(rows);
    if (due.length === 0) return 0;
    const taken = due.length;
    // A row refused before goes alone first: in a batch it would be refused again, with the batch.
    if (!this.refused.isEmpty()) due = await this.retryRefused(due);
    if (due.length === 0) return taken;
    try {
      await this.send(due);
    } catch (error) {
      if (!isPublishRefused(error)) throw error;
      // The request as a whole was refused: find the row at fault by sending them one at a time.
      await this.publishOneByOne(due);
      return taken;
    }
    // A crash before this update republishes the batch; consumers' inboxes absorb the duplicates.
    await this.markSent(due);
    return taken;
  }

  /** Sends the rows refused before one by one; returns the others, without the keys still held. */
  private async retryRefused(rows: OutboxRow[]): Promise<OutboxRow[]> {
    const refused = rows.filter((row) => this.refused.wasRefused(row.id));
    if (refused.length === 0) return rows;
    const held = await this.publishOneByOne(refused);
    return rows.filter((row) => !refused.includes(row) && !held.has(keyOf(row)));
  }

  /**
   * Sends rows one per request, in id order. A refused row is counted (and parked at the last
   * attempt); until then the later rows of its key wait, so its key's order holds. What the failed
   * batch request had already written on other partitions goes again: inboxes absorb it. Returns
   * the keys held back.
   */
  private async publishOneByOne(rows: OutboxRow[]): Promise<Set<string>> {
    const heldKeys = new Set<string>();
    const sent: OutboxRow[] = [];
    try {
      for (const row of rows) {
        if (heldKeys.has(keyOf(row))) continue;
        try {
          await this.send([row]);
          sent.push(row);
          this.refused.forget(row.id);
        } catch (error) {
          if (!isPublishRefused(error)) throw error;
          if (await this.parking.refuse(this.client!, row, error)) {
            this.refused.forget(row.id);
          } else {
            heldKeys.add(keyOf(row));
            this.refused.retryLater(row.id);
          }
        }
      }
    } finally {
      await this.markSent(sent);
    }
    return heldKeys;
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const spans: Span[] = [];
    const messages: OutgoingMessage[] = rows.map((row) => {
      const headers = { ...row.headers };
      spans.push(startPublishSpan(row.topic, headers));
      return { topic: row.topic, key: row.message_key, value: row.payload, headers };
    });
    try {
      await this.options.producer.publish(messages);
    } catch (error) {
      endSpans(spans, error);
      throw error;
    }
    endSpans(spans);
  }

  private async markSent(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client!.query(`UPDATE outbox_message SET sent_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
    ]);
  }

  private async connect(): Promise<void> {
    if (this.client) return;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: 'outbox-relay',
    });
    client.on('error', () => undefined); // surfaced by the next query; the loop reconnects
    client.on('notification', () => this.loop.wake());
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    // This connection runs one query: the next unsent rows in id order. As a bitmap scan it visits
    // every row marked sent since the last vacuum, and never marks their index entries dead; as
    // an index scan it marks them once and skips them from then on.
    await client.query('SET enable_bitmapscan = off');
    this.client = client;
  }

  private async tryLead(): Promise<boolean> {
    const { rows } = await this.client!.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [RELAY_LOCK],
    );
    const leading = rows[0]?.locked === true;
    if (leading) this.options.logger.info('outbox relay leads for this database');
    return leading;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leading = false;
    this.refused.clear();
    // Closing the session releases the advisory lock for another replica.
    await client?.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
