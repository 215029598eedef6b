import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLoopbackSmtpServer, type LoopbackSmtpServer } from '@rekey/notifications/testing';
import { mintOperatorToken } from '@rekey/operator-auth';
import { freePort, isolatedPlatform, type IsolatedPlatform } from '@rekey/testing';
import { DataSource } from 'typeorm';
import {
  countLinks,
  Deadline,
  deliveryReport,
  randomBetween,
  receivedLinks,
  RestartableService,
  summarize,
  WaveLinks,
  type Kill,
} from './crash-during-delivery.fixture';
import { seedAccounts } from './issuance-fixture';

const ACCOUNTS = 3_000;
const PACE_PER_SECOND = 300;
/** A link committed and not marked delivered this long is sent again: within the test. */
const LEASE_SECONDS = 8;
/** Every wait of the scenario shares it; a run on a quiet machine takes about a third. */
const SCENARIO_BUDGET_MS = 150_000;

/**
 * reset-issuance, in its own process and sending over SMTP to a relay that answers each message
 * 20-40 ms after it has it, is SIGKILLed twice while a wave's links are being sent, and started
 * again on the same database. Links handed to the relay and not yet marked delivered are sent
 * again after the lease. Whichever copy a customer opens must work: one live token per account,
 * and every message an account received carries that token's link (a resend is the same link,
 * under the same Message-ID).
 */
describe('a wave whose sender is killed while links are in flight', () => {
  let platform: IsolatedPlatform;
  let smtp: LoopbackSmtpServer;
  let service: RestartableService;
  let database: DataSource | undefined;
  let resetBaseUrl: string;

  beforeAll(async () => {
    platform = await isolatedPlatform('crash_delivery');
    smtp = await startLoopbackSmtpServer({ replyDelayMs: [20, 40] });
    const port = await freePort();
    resetBaseUrl = `http://127.0.0.1:${port}`;
    const mailDir = await mkdtemp(path.join(tmpdir(), 'rekey-crash-delivery-mail-'));
    service = new RestartableService(port, async () => ({
      ...(await platform.serviceEnvironment('reset-issuance')),
      NOTIFY_TRANSPORT: 'smtp',
      SMTP_URL: smtp.url,
      NOTIFY_FILE_DIR: mailDir,
      RESET_BASE_URL: resetBaseUrl,
      DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
      SCHEDULER_TICK_MS: '100',
      OUTBOX_POLL_INTERVAL_MS: '200',
      OTEL_TRACES_EXPORTER: 'none',
      LOG_LEVEL: 'warn',
    }));
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await database?.destroy();
    await smtp?.stop();
    await platform?.dispose();
  }, 60_000);

  it(
    'leaves every account one live link, and every message it received carries that link',
    async () => {
      const deadline = new Deadline(SCENARIO_BUDGET_MS);
      await service.start(deadline);
      database = new DataSource({
        type: 'postgres',
        url: await platform.databaseUrl('reset-issuance'),
        extra: { max: 2 },
      });
      await database.initialize();
      const accounts = await seedAccounts(database, 'crash', ACCOUNTS);
      const wave = new WaveLinks(database, await launchWave(service.current.url, accounts));
      const kills: Kill[] = [];

      /** SIGKILLs the service once the relay holds `count` reset-link messages (notices aside). */
      const killAfterLinks = async (count: number) => {
        await deadline.until(
          `${count} reset-link messages received`,
          () => {
            service.assertRunning();
            return countLinks(smtp.received) >= count ? true : undefined;
          },
          5,
        );
        await service.kill();
        kills.push({ afterLinks: count, inFlight: await wave.inFlight() });
      };

      await killAfterLinks(randomBetween(0.15 * ACCOUNTS, 0.3 * ACCOUNTS));
      const firstKilledAt = new Date();
      await service.start(deadline);
      // What was in flight at the first kill is settled before the second, so that no link is in
      // flight across both kills: each account may then be sent its link at most twice.
      await deadline.until('the links in flight at the first kill delivered again', async () => {
        service.assertRunning();
        return (await wave.journeysAwaitingDelivery(firstKilledAt)) === 0 ? true : undefined;
      });
      const secondKillAt = countLinks(smtp.received) + randomBetween(0.05 * ACCOUNTS, 0.15 * ACCOUNTS);
      if (secondKillAt >= ACCOUNTS) throw new Error('the wave was (nearly) all sent before the second kill');
      await killAfterLinks(secondKillAt);
      await service.start(deadline);

      await deadline.until(
        'every journey of the wave with a delivered live link',
        async () => {
          service.assertRunning();
          return (await wave.journeysAwaitingDelivery()) === 0 ? true : undefined;
        },
        250,
      );
      // Nothing is sent once the service has stopped: what the relay holds now is final.
      await service.stop();

      const live = await wave.liveTokens();
      const liveTokenHash = new Map(live.map((row) => [row.legacyAccountId, row.tokenHash]));
      const report = deliveryReport(accounts, liveTokenHash, receivedLinks(smtp.received, resetBaseUrl));
      console.log(summarize(kills, report, await wave.superseded()));

      // Exactly one live token per account, and each account was sent something.
      expect(live.filter((row) => row.live !== 1)).toEqual([]);
      expect(accounts.filter((account) => !liveTokenHash.has(account))).toEqual([]);
      expect(report.accountsWithoutMessage).toEqual([]);
      // The kills landed while messages were in flight: some accounts were sent one twice.
      expect(report.accountsWithTwoMessages).toBeGreaterThan(0);
      expect(report.accountsWithMoreThanTwo).toEqual([]);
      // Where an account got two messages, they are one message sent twice: the same link, the same id.
      expect({ twoWithDifferentLinks: report.twoWithDifferentLinks }).toEqual({ twoWithDifferentLinks: 0 });
      expect({ twoWithDifferentMessageIds: report.twoWithDifferentMessageIds }).toEqual({
        twoWithDifferentMessageIds: 0,
      });
      // Whichever message a customer opens, its link is the live one.
      expect({ messagesWithoutLiveLink: report.messagesWithoutLiveLink }).toEqual({
        messagesWithoutLiveLink: 0,
      });
    },
    SCENARIO_BUDGET_MS + 15_000,
  );
});

/** Plans a wave over the accounts through the operator API, starting now at the test's pace. */
async function launchWave(serviceUrl: string, accounts: string[]): Promise<string> {
  const token = await mintOperatorToken({
    subject: 'alice@example.test',
    scopes: ['waves:write'],
    ttlSeconds: 300,
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const now = Date.now();
  const created = await fetch(`${serviceUrl}/operator/waves`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'crash during delivery',
      cohort: { legacyAccountIds: accounts },
      noticeAt: new Date(now).toISOString(),
      startsAt: new Date(now).toISOString(),
      cutoffAt: new Date(now + 7 * 86_400_000).toISOString(),
      pacePerSecond: PACE_PER_SECOND,
    }),
  });
  if (created.status !== 201) throw new Error(`creating the wave answered ${created.status}`);
  const waveId = ((await created.json()) as { id: string }).id;
  const launched = await fetch(`${serviceUrl}/operator/waves/${waveId}/launch`, { method: 'POST', headers });
  if (launched.status !== 202) throw new Error(`launching the wave answered ${launched.status}`);
  return waveId;
}
