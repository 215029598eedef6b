import type { Span } from '@opentelemetry/api';
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
  /** Wait before a refused row is tried again, doubled at each refusal (up to 10 s). */
  refusalBackoffMs?: number;
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
  private readonly pollIntervalMs: number;
  private readonly publishIntervalMs: number;
  private client: Client | undefined;
  private leading = false;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private interruptHold: (() => void) | undefined;
  private readonly parking: OutboxParking;
  private readonly refused: RefusedRows;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.publishIntervalMs = options.publishIntervalMs ?? 20;
    this.refused = new RefusedRows(options.refusalBackoffMs ?? 500);
    this.parking = new OutboxParking(options.maxAttempts ?? 5, options.logger);
  }

  isLeading(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Publishes what is committed, then lets go of the lock and the connection. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.signal();
    this.interruptHold?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.connect();
        if (!this.leading) this.leading = await this.tryLead();
        let published = 0;
        if (this.leading) {
          while ((published = await this.publishBatch()) === this.batchSize) {
            if (!this.running) break;
          }
        }
        failures = 0;
        if (!this.running) break;
        // Rows are flowing: let the next ones gather into one request, then look again at once.
        if (published > 0) await this.hold(this.publishIntervalMs);
        else await this.sleep(this.refused.waitAtMost(this.pollIntervalMs));
      } catch (error) {
        failures += 1;
        this.options.logger.warn('outbox relay failed; retrying', { error: describe(error), failures });
        await this.disconnect();
        if (this.running) await this.sleep(Math.min(200 * 2 ** failures, 10_000));
      }
    }
    try {
      if (this.leading && this.client) while ((await this.publishBatch()) === this.batchSize);
    } catch (error) {
      this.options.logger.warn('outbox relay could not flush on shutdown', { error: describe(error) });
    }
    await this.disconnect();
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
    client.on('notification', () => this.signal());
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

  private signal(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** Waits out `ms` whatever is notified meanwhile; only stopping cuts it short. */
  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interruptHold = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interruptHold = done;
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pendingWake = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
