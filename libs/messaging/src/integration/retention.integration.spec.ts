import { randomUUID } from 'node:crypto';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { silentLogger } from '../messaging-logger';
import { MessagingRetention, RETENTION_SWEEP_LOCK } from '../retention/messaging-retention';
import { MessagingRetention1768000000000 } from '../schema/messaging-retention.migration';
import { MessagingTables1767225600000 } from '../schema/messaging-tables.migration';

const now = new Date('2026-11-30T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('messaging retention', () => {
  let database: { dataSource: DataSource; url: string };

  beforeAll(async () => {
    database = await openScratchDataSource('messaging_retention', [
      MessagingTables1767225600000,
      MessagingRetention1768000000000,
    ]);
  });

  afterAll(async () => {
    await database?.dataSource.destroy();
  });

  async function outboxRow(label: string, createdAt: Date, sentAt: Date | null): Promise<void> {
    await database.dataSource.query(
      `INSERT INTO outbox_message (event_id, event_type, topic, message_key, payload, headers, created_at, sent_at)
       VALUES ($1, 'rekey.test.v1', 'rekey.test', $2, '\\x7b7d', '{}', $3, $4)`,
      [randomUUID(), label, createdAt, sentAt],
    );
  }

  async function inboxRow(consumer: string, handledAt: Date): Promise<void> {
    await database.dataSource.query(
      `INSERT INTO inbox_message (consumer, event_id, event_type, source_topic, source_partition, source_offset, handled_at)
       VALUES ($1, $2, 'rekey.test.v1', 'rekey.test', 0, 0, $3)`,
      [consumer, randomUUID(), handledAt],
    );
  }

  const retention = (chunkSize: number) =>
    new MessagingRetention({
      dataSource: database.dataSource,
      logger: silentLogger,
      outboxRetentionHours: 24,
      inboxRetentionHours: 72,
      chunkSize,
      clock: { now: () => now },
    });

  it('deletes published outbox rows and inbox rows past their retention, in chunks, and nothing else', async () => {
    for (let n = 0; n < 7; n++) await outboxRow('old-sent', hoursAgo(30), hoursAgo(30));
    await outboxRow('old-unsent', hoursAgo(30), null);
    await outboxRow('recent-sent', hoursAgo(2), hoursAgo(2));
    await outboxRow('recent-unsent', hoursAgo(1), null);
    for (let n = 0; n < 5; n++) await inboxRow('old', hoursAgo(80));
    await inboxRow('recent', hoursAgo(50));

    expect(await retention(3).sweep()).toEqual({ outbox: 7, inbox: 5 });

    const outbox: Array<{ message_key: string }> = await database.dataSource.query(
      `SELECT message_key FROM outbox_message ORDER BY message_key`,
    );
    expect(outbox.map((row) => row.message_key)).toEqual(['old-unsent', 'recent-sent', 'recent-unsent']);
    const inbox: Array<{ consumer: string }> = await database.dataSource.query(
      `SELECT consumer FROM inbox_message`,
    );
    expect(inbox.map((row) => row.consumer)).toEqual(['recent']);
    expect(await retention(3).sweep()).toEqual({ outbox: 0, inbox: 0 });
  });

  it('skips the sweep while another replica holds it', async () => {
    await outboxRow('held-old-sent', hoursAgo(30), hoursAgo(30));
    const other = database.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_SWEEP_LOCK]);
    try {
      expect(await retention(100).sweep()).toEqual({ outbox: 0, inbox: 0 });
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await retention(100).sweep()).toEqual({ outbox: 1, inbox: 0 });
  });

  it('sweeps on its own every interval once started, and stops cleanly', async () => {
    await outboxRow('looped-old-sent', hoursAgo(30), hoursAgo(30));
    const looping = new MessagingRetention({
      dataSource: database.dataSource,
      logger: silentLogger,
      outboxRetentionHours: 24,
      inboxRetentionHours: 72,
      intervalMs: 50,
      clock: { now: () => now },
    });
    looping.start();
    try {
      const deadline = Date.now() + 30_000;
      let left = 1;
      while (left > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const [row] = await database.dataSource.query(
          `SELECT count(*)::int AS left FROM outbox_message WHERE message_key = 'looped-old-sent'`,
        );
        left = row.left;
      }
      expect(left).toBe(0);
    } finally {
      await looping.stop();
    }
  });
});
