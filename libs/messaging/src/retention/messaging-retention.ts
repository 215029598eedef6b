import { BackgroundLoop, type Clock } from '@rekey/background';
import type { DataSource } from 'typeorm';
import type { MessagingLogger } from '../messaging-logger';

export interface MessagingRetentionOptions {
  dataSource: DataSource;
  logger: MessagingLogger;
  /** Published outbox rows older than this go; unpublished ones stay whatever their age. */
  outboxRetentionHours: number;
  /**
   * Inbox rows older than this go. An inbox row is what makes a redelivered event a no-op, so keep
   * them longer than the broker keeps the topics (and any replay window) or a re-read duplicates.
   */
  inboxRetentionHours: number;
  /** Between two sweeps. */
  intervalMs?: number;
  /** Rows deleted per statement: short transactions that leave room for the service's own work. */
  chunkSize?: number;
  clock?: Pick<Clock, 'now'>;
}

export interface SweepReport {
  outbox: number;
  inbox: number;
}

/** Held (transaction-level advisory lock) by the replica sweeping a database; the others skip. */
export const RETENTION_SWEEP_LOCK = 0x5245_5445_4e; // "RETEN"
const HOUR = 3_600_000;

/**
 * Keeps the outbox and the inbox from growing without end: every interval it deletes published
 * outbox rows and inbox rows past their retention, a chunk per statement. The interval, the
 * backoff after a failed sweep, its log line and its span come from a `BackgroundLoop`.
 */
export class MessagingRetention {
  private readonly chunkSize: number;
  private readonly clock: Pick<Clock, 'now'>;
  private readonly loop: BackgroundLoop;
  private stopped = false;

  constructor(private readonly options: MessagingRetentionOptions) {
    this.chunkSize = options.chunkSize ?? 5_000;
    this.clock = options.clock ?? { now: () => new Date() };
    this.loop = new BackgroundLoop({
      name: 'messaging retention sweep',
      intervalMs: options.intervalMs ?? 10 * 60_000,
      log: options.logger,
      tick: async () => {
        const report = await this.sweep();
        return report.outbox + report.inbox > 0 ? 'worked' : 'idle';
      },
    });
  }

  start(): void {
    this.stopped = false;
    this.loop.start();
  }

  /** Ends the sweep in flight at its next chunk, and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  /** One sweep, to the end or until stopped; what it deleted. Skipped while another replica sweeps. */
  async sweep(): Promise<SweepReport> {
    const now = this.clock.now().getTime();
    const outboxBefore = new Date(now - this.options.outboxRetentionHours * HOUR);
    const inboxBefore = new Date(now - this.options.inboxRetentionHours * HOUR);
    const report = { outbox: 0, inbox: 0 };
    while (!this.stopped) {
      const deleted = await this.deleteChunk(
        // The row is read again by the DELETE: a ctid names a row only as long as it lives.
        `DELETE FROM outbox_message
          WHERE ctid = ANY(ARRAY(SELECT ctid FROM outbox_message
                                  WHERE created_at < $1 AND sent_at IS NOT NULL LIMIT $2))
            AND created_at < $1 AND sent_at IS NOT NULL`,
        outboxBefore,
      );
      if (deleted === undefined) return report;
      report.outbox += deleted;
      if (deleted < this.chunkSize) break;
    }
    while (!this.stopped) {
      const deleted = await this.deleteChunk(
        `DELETE FROM inbox_message
          WHERE ctid = ANY(ARRAY(SELECT ctid FROM inbox_message WHERE handled_at < $1 LIMIT $2))
            AND handled_at < $1`,
        inboxBefore,
      );
      if (deleted === undefined) return report;
      report.inbox += deleted;
      if (deleted < this.chunkSize) break;
    }
    if (report.outbox + report.inbox > 0)
      this.options.logger.info('messaging retention swept', { ...report });
    return report;
  }

  /** Rows deleted, or undefined when another replica holds the sweep. */
  private deleteChunk(sql: string, before: Date): Promise<number | undefined> {
    return this.options.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RETENTION_SWEEP_LOCK,
      ]);
      if (!locked) return undefined;
      const [, deleted] = (await manager.query(sql, [before, this.chunkSize])) as [unknown, number];
      return deleted;
    });
  }
}
