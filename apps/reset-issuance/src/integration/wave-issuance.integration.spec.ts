import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  ResetNoticeSentV1,
  ResetTokenExpiredV1,
  ResetTokenIssuedV1,
  ResetWaveLaunchedV1,
} from '@rekey/contracts';
import { SettableClock } from '@rekey/background/testing';
import { KafkajsBrokerClient, OutboxRelay, silentLogger } from '@rekey/messaging';
import { createIsolatedTopics, ensureLocalStack } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import type { Delivery, Notifier, OutgoingMessage } from '@rekey/notifications';
import { RecordingNotifier } from '@rekey/notifications/testing';
import { PgNewLinkRequestStore } from '../redemption/adapters/pg-new-link-request-store.adapter';
import { newLinkRequestHash } from '../redemption/domain/new-link-request';
import { hashResetToken } from '../tokens/domain/reset-token';
import {
  buildScheduler,
  fileNotifier,
  launchWave,
  outboxEvents,
  placeHold,
  RecordingLog,
  scratchDatabase,
  seedAccounts,
  testSettings,
  tokensOf,
  unfoldQuotedPrintable,
  writtenMessages,
} from './issuance-fixture';

const TOKEN = /\/reset#t=([A-Za-z0-9_-]{43})/g;

/** Every reset token found in the written messages, by recipient. */
function tokensByRecipient(files: Map<string, string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const raw of files.values()) {
    const message = unfoldQuotedPrintable(raw);
    const recipient = /^To: (\S+)/m.exec(message)?.[1] ?? '';
    const tokens = new Set([...message.matchAll(TOKEN)].map((match) => match[1]!));
    found.set(recipient, [...(found.get(recipient) ?? []), ...tokens]);
  }
  return found;
}

/** Each account has exactly one live token, delivered, whose value is in a message sent to it. */
async function expectOneLiveDeliveredLinkEach(
  dataSource: DataSource,
  accounts: string[],
  directory: string,
): Promise<void> {
  const run = accounts[0]!.slice(0, accounts[0]!.lastIndexOf('-') + 1);
  const live = (await tokensOf(dataSource)).filter(
    (token) => token.status === 'live' && token.legacy_account_id.startsWith(run),
  );
  expect(live.map((token) => token.legacy_account_id).sort()).toEqual([...accounts].sort());
  expect(live.every((token) => token.delivered_at !== null)).toBe(true);
  const sent = tokensByRecipient(await writtenMessages(directory));
  for (const token of live) {
    const received = sent.get(`${token.legacy_account_id}@example.test`) ?? [];
    expect(received.some((value) => hashResetToken(value).equals(token.token_hash))).toBe(true);
  }
}

/** Fails every reset-link message while `down`: the link is committed but never sent. */
class DyingNotifier implements Notifier {
  down = true;
  constructor(private readonly inner: Notifier) {}
  async send(message: OutgoingMessage): Promise<Delivery> {
    if (this.down && message.text.includes('/reset#t='))
      throw Object.assign(new Error('process died'), { code: 'EDIED' });
    return this.inner.send(message);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A scheduler whose notifier accepts every message at once and keeps it, for the tests to read. */
function recordingScheduler(
  dataSource: DataSource,
  clock: SettableClock,
  settings: ReturnType<typeof testSettings>,
): { scheduler: ReturnType<typeof buildScheduler>; sent: OutgoingMessage[] } {
  const notifier = new RecordingNotifier();
  return { scheduler: buildScheduler(dataSource, notifier, clock, settings), sent: notifier.sent };
}

describe('a reset wave', () => {
  let database: { dataSource: DataSource; url: string };

  beforeAll(async () => {
    database = await scratchDatabase('reset_waves');
  });

  afterAll(async () => {
    await database.dataSource.destroy();
  });

  it('sends each eligible account its notice and exactly one live link, and nothing to a held account until released', async () => {
    const { dataSource } = database;
    const run = `w${randomUUID().slice(0, 6)}`;
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rekey-mail-'));
    const clock = new SettableClock(new Date());
    const settings = testSettings();
    const log = new RecordingLog();
    const scheduler = buildScheduler(dataSource, fileNotifier(directory), clock, settings, log);
    const accounts = await seedAccounts(dataSource, run, 60);
    const held = accounts[6]!;
    await placeHold(dataSource, held);

    const wave = await launchWave(dataSource, clock, settings, [...accounts, `${run}-unknown`]);
    expect(wave.snapshot).toEqual({ accountCount: 60, skippedInOpenJourney: 0, notEligible: 1 });
    await scheduler.runUntilIdle();

    const free = accounts.filter((account) => account !== held);
    await expectOneLiveDeliveredLinkEach(dataSource, free, directory);
    const files = await writtenMessages(directory);
    expect([...files.keys()].every((name) => name.endsWith('.eml'))).toBe(true);
    expect(files.size).toBe(2 * free.length);
    expect([...files.values()].some((raw) => raw.includes(`${held}@example.test`))).toBe(false);

    const launched = await outboxEvents(dataSource, ResetWaveLaunchedV1.type);
    expect(launched).toEqual([
      expect.objectContaining({
        key: wave.id,
        data: expect.objectContaining({
          accountCount: 60,
          launchedBy: { subject: 'alice@example.test', role: 'operator' },
        }),
      }),
    ]);
    const issued = await outboxEvents(dataSource, ResetTokenIssuedV1.type);
    expect(issued).toHaveLength(free.length);
    expect(issued.every((event) => event.journeyId && event.key === event.data['legacyAccountId'])).toBe(
      true,
    );
    expect(issued[0]!.data['channel']).toEqual({ kind: 'email', masked: expect.stringContaining('*') });
    expect(await outboxEvents(dataSource, ResetNoticeSentV1.type)).toHaveLength(free.length);

    // The hold lifted, the next pass catches the account up.
    await dataSource.query(`UPDATE account_hold SET released_at = now() WHERE legacy_account_id = $1`, [
      held,
    ]);
    await scheduler.runUntilIdle();
    await expectOneLiveDeliveredLinkEach(dataSource, accounts, directory);

    // On the bus: keyed by account, and no message carries a token.
    const tokens = [...tokensByRecipient(await writtenMessages(directory)).values()].flat();
    const stack = await ensureLocalStack();
    const topicPrefix = await createIsolatedTopics(['rekey.reset'], 1);
    const broker = new KafkajsBrokerClient({
      brokers: stack.kafkaBrokers,
      clientId: 'waves-test',
      topicPrefix,
    });
    const relay = new OutboxRelay({
      databaseUrl: database.url,
      producer: await broker.producer(),
      logger: silentLogger,
      pollIntervalMs: 100,
    });
    const seen: Array<{ key: string | null; value: string }> = [];
    const subscription = await broker.subscribe(
      { groupId: `reader-${run}`, topics: ['rekey.reset'], fromBeginning: true },
      async (batch, control) => {
        seen.push(
          ...batch.messages.map((message) => ({
            key: message.key,
            value: message.value?.toString('utf8') ?? '',
          })),
        );
        await control.commitThrough(batch.messages[batch.messages.length - 1]!.offset);
      },
    );
    relay.start();
    try {
      // Wave planned and launched, then a notice and a link per account.
      const expected = 2 + 2 * accounts.length;
      const deadline = Date.now() + 30_000;
      while (seen.length < expected && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toHaveLength(expected);
      expect(seen.filter((message) => message.value.includes('"plannedBy":{"subject"'))).toHaveLength(1);
      expect(seen.filter((message) => message.key === held)).toHaveLength(2);
      for (const token of tokens) expect(seen.some((message) => message.value.includes(token))).toBe(false);
    } finally {
      await relay.stop();
      await subscription.stop();
      await broker.close();
    }
    for (const token of tokens) expect(log.lines.join('\n')).not.toContain(token);
  });

  it('keeps to the wave pace with several issuers at once: a second of links, then only as time passes', async () => {
    const { dataSource } = database;
    const run = `p${randomUUID().slice(0, 6)}`;
    const clock = new SettableClock(new Date());
    // Batches smaller than the pace, so that the issuers share each second's allowance.
    const settings = testSettings({ ISSUANCE_BATCH_SIZE: 15 });
    const { scheduler, sent } = recordingScheduler(dataSource, clock, settings);
    const accounts = await seedAccounts(dataSource, run, 100);
    await launchWave(dataSource, clock, settings, accounts, { pacePerSecond: 40 });
    const issued = async () =>
      (await tokensOf(dataSource)).filter((token) => token.legacy_account_id.startsWith(`${run}-`)).length;

    await scheduler.runUntilIdle();
    expect(await issued()).toBe(40);
    clock.advance(500);
    await scheduler.runUntilIdle();
    expect(await issued()).toBe(60);
    // A long pause refills one second's worth, not ten.
    clock.advance(10_000);
    await scheduler.runUntilIdle();
    expect(await issued()).toBe(100);
    expect(sent.filter((message) => message.text.includes('/reset#t='))).toHaveLength(100);
  });

  it('issues a journey it passed while another transaction held it, on a later pass from the first account', async () => {
    const { dataSource } = database;
    const run = `k${randomUUID().slice(0, 6)}`;
    const clock = new SettableClock(new Date());
    const settings = testSettings({ ISSUANCE_BATCH_SIZE: 5 });
    const { scheduler, sent } = recordingScheduler(dataSource, clock, settings);
    const accounts = await seedAccounts(dataSource, run, 23);
    const wave = await launchWave(dataSource, clock, settings, accounts);
    const issuedTo = async () =>
      new Set(
        (await tokensOf(dataSource))
          .filter((token) => token.legacy_account_id.startsWith(`${run}-`))
          .map((token) => token.legacy_account_id),
      );

    // The first account in claim order, locked as a concurrent claim would have it.
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const [first] = await holder.query(
      `SELECT legacy_account_id FROM journey WHERE wave_id = $1 ORDER BY legacy_account_id LIMIT 1 FOR UPDATE`,
      [wave.id],
    );
    // A claim passes it, and the ones after start after the last account claimed.
    await scheduler.tick();
    expect((await issuedTo()).has(first.legacy_account_id)).toBe(false);
    await scheduler.runUntilIdle();
    expect((await issuedTo()).size).toBe(22);

    await holder.commitTransaction();
    await holder.release();
    await scheduler.runUntilIdle();
    expect([...(await issuedTo())].sort()).toEqual([...accounts].sort());
    expect(sent.filter((message) => message.text.includes('/reset#t='))).toHaveLength(23);
  });

  it('sends again, after the lease, links committed but never sent: the same links, so each account ends with one live delivered link', async () => {
    const { dataSource } = database;
    const run = `c${randomUUID().slice(0, 6)}`;
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rekey-mail-'));
    const clock = new SettableClock(new Date());
    const settings = testSettings({ DELIVERY_LEASE_SECONDS: 120 });
    const notifier = new DyingNotifier(fileNotifier(directory));
    const scheduler = buildScheduler(dataSource, notifier, clock, settings);
    const accounts = await seedAccounts(dataSource, run, 30);
    await launchWave(dataSource, clock, settings, accounts);

    await scheduler.runUntilIdle();
    const mine = async () =>
      (await tokensOf(dataSource)).filter((token) => token.legacy_account_id.startsWith(`${run}-`));
    const lost = await mine();
    expect(lost).toHaveLength(30);
    expect(lost.every((token) => token.status === 'live' && token.delivered_at === null)).toBe(true);

    // Restarted, but within the lease: the sender might still be at work, so nothing is replaced.
    notifier.down = false;
    clock.advance(60_000);
    await scheduler.runUntilIdle();
    expect(
      (await mine()).filter((token) => token.status === 'live' && token.delivered_at === null),
    ).toHaveLength(30);

    clock.advance(61_000);
    await scheduler.runUntilIdle();
    await expectOneLiveDeliveredLinkEach(dataSource, accounts, directory);
    // The same tokens, opened from their sealed copies and now delivered: nothing superseded,
    // no second token-issued event, and no sealed copy left.
    const after = await mine();
    expect(after.map((token) => token.id).sort()).toEqual(lost.map((token) => token.id).sort());
    expect(after.every((token) => token.status === 'live' && token.delivered_at !== null)).toBe(true);
    const [{ sealed }] = await dataSource.query(
      `SELECT count(*)::int AS sealed FROM reset_token WHERE id = ANY($1::uuid[]) AND sealed_token IS NOT NULL`,
      [lost.map((token) => token.id)],
    );
    expect(sealed).toBe(0);
    const replacements = (await outboxEvents(dataSource, ResetTokenIssuedV1.type)).filter(
      (event) => event.data['supersedesIssuanceId'] !== undefined,
    );
    expect(replacements).toEqual([]);
  });

  it('expires unspent links, then answers "send me a new link" for known addresses only, once per cooldown', async () => {
    const { dataSource } = database;
    const run = `e${randomUUID().slice(0, 6)}`;
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rekey-mail-'));
    const clock = new SettableClock(new Date());
    const settings = testSettings({ REISSUE_COOLDOWN_SECONDS: 300 });
    const scheduler = buildScheduler(dataSource, fileNotifier(directory), clock, settings);
    const accounts = await seedAccounts(dataSource, run, 5);
    await dataSource.query(
      `INSERT INTO eligible_contact (contact_hash, legacy_account_id)
       SELECT sha256(convert_to('email:' || legacy_account_id || '@example.test', 'UTF8')), legacy_account_id
       FROM eligible_account WHERE legacy_account_id = ANY($1)`,
      [accounts],
    );
    const wave = await launchWave(dataSource, clock, settings, accounts, { linkLifetimeMinutes: 30 });
    await scheduler.runUntilIdle();

    clock.advance(31 * 60_000);
    await scheduler.runUntilIdle();
    const expired = (await outboxEvents(dataSource, ResetTokenExpiredV1.type)).filter(
      (event) => event.data['waveId'] === wave.id,
    );
    expect(expired).toHaveLength(5);
    expect(expired.every((event) => event.journeyId === event.data['journeyId'])).toBe(true);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM journey WHERE wave_id = $1 AND status = 'expired'`,
      [wave.id],
    );
    expect(count).toBe(5);

    // Through the store the customer endpoint uses, which normalises addresses (NFKC included).
    const requests = new PgNewLinkRequestStore(dataSource);
    for (const email of [
      ` ${run.toUpperCase()}-1@EXAMPLE.TEST`,
      `${run}-2@ｅｘａｍｐｌｅ.test`,
      `${run}-2@example.test`,
      `nobody-${run}@example.test`,
    ]) {
      await requests.add(newLinkRequestHash('email', email), clock.now());
    }
    await scheduler.runUntilIdle();
    const live = (await tokensOf(dataSource)).filter(
      (token) => token.status === 'live' && token.legacy_account_id.startsWith(`${run}-`),
    );
    expect(live.map((token) => [token.legacy_account_id, token.trigger]).sort()).toEqual([
      [`${run}-1`, 'reissue'],
      [`${run}-2`, 'reissue'],
    ]);
    await expectOneLiveDeliveredLinkEach(dataSource, [`${run}-1`, `${run}-2`], directory);
    const outcomes: Array<{ outcome: string }> = await dataSource.query(
      `SELECT outcome FROM reissue_request WHERE created_at = $1 ORDER BY id`,
      [clock.now()],
    );
    expect(outcomes.map((row) => row.outcome)).toEqual(['issued', 'issued', 'cooldown', 'unknown']);

    // Asking again at once is within the cooldown: no new link.
    await dataSource.query(`INSERT INTO reissue_request (legacy_account_id, created_at) VALUES ($1, $2)`, [
      `${run}-1`,
      clock.now(),
    ]);
    await scheduler.runUntilIdle();
    expect(
      (await tokensOf(dataSource)).filter((token) => token.legacy_account_id === `${run}-1`),
    ).toHaveLength(2);
  });
});
