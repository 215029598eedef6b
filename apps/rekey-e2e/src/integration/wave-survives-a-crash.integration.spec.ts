import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServiceProcess } from '@rekey/testing';
import {
  customerDirectories,
  importAndLink,
  launchWave,
  operatorClient,
  readLinks,
  type OperatorClient,
} from './journey-fixture';
import { eventually, operatorToken, TestPlatform } from './platform';

/**
 * reset-issuance is killed (SIGKILL, no shutdown) while a wave is issuing, then started again:
 * every account of the wave still ends with exactly one live reset link, and that link is the
 * one the customer was sent last.
 */
describe('a wave whose issuing process is killed mid-wave', () => {
  const platform = new TestPlatform('crash');
  const run = randomUUID().slice(0, 8);
  const customers = 150;
  let services: Partial<Record<'identity-matching' | 'reset-issuance', ServiceProcess>> = {};
  let mailDir: string;
  let token: string;
  let call: OperatorClient;

  const issuanceEnvironment = () => ({
    NOTIFY_TRANSPORT: 'file',
    NOTIFY_FILE_DIR: mailDir,
    RESET_BASE_URL: 'http://127.0.0.1:4102',
    SCHEDULER_TICK_MS: '100',
    // A link committed but never sent is replaced this soon after a crash.
    DELIVERY_LEASE_SECONDS: '2',
  });

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'rekey-e2e-crash-mail-'));
    services = await platform.startServices(['identity-matching', 'reset-issuance'], issuanceEnvironment());
    token = await operatorToken(['imports:write', 'waves:write', 'waves:read']);
    call = operatorClient(token);
  }, 120_000);

  afterAll(async () => {
    await rm(mailDir, { recursive: true, force: true });
  });

  it('ends with one live, delivered link per account after a restart', async () => {
    const urls = { matching: services['identity-matching']!.url, issuance: services['reset-issuance']!.url };
    const directories = customerDirectories(run, customers);
    await importAndLink(call, urls, token, directories);

    const now = Date.now();
    const wave = await call<{ id: string }>('POST', `${urls.issuance}/operator/waves`, {
      name: `crash ${run}`,
      cohort: { legacyAccountIds: directories.linkable },
      noticeAt: new Date(now).toISOString(),
      startsAt: new Date(now).toISOString(),
      cutoffAt: new Date(now + 7 * 86_400_000).toISOString(),
      // Slow enough that the kill lands mid-wave.
      pacePerSecond: 40,
    });
    await launchWave(call, urls.issuance, wave.id, token);
    const issuedCount = async () => {
      const [row] = await platform.query<{ n: string }>(
        'reset-issuance',
        `SELECT count(*) AS n FROM reset_token WHERE wave_id = $1`,
        [wave.id],
      );
      return Number(row!.n);
    };
    await eventually(async () => ((await issuedCount()) >= 30 ? true : undefined), 30_000);

    const issuing = services['reset-issuance']!;
    issuing.child.kill('SIGKILL');
    await issuing.exited;
    const issuedAtCrash = await issuedCount();
    expect(issuedAtCrash).toBeLessThan(customers);

    services = { ...services, ...(await platform.startServices(['reset-issuance'], issuanceEnvironment())) };
    const live = await eventually(async () => {
      const rows = await platform.query<{ legacy_account_id: string; live: string; undelivered: string }>(
        'reset-issuance',
        `SELECT legacy_account_id,
                count(*) FILTER (WHERE status = 'live') AS live,
                count(*) FILTER (WHERE status = 'live' AND delivered_at IS NULL) AS undelivered
           FROM reset_token WHERE wave_id = $1 GROUP BY legacy_account_id`,
        [wave.id],
      );
      const settled = rows.length === customers && rows.every((row) => row.undelivered === '0');
      return settled ? rows : undefined;
    }, 90_000);
    expect(live.every((row) => row.live === '1')).toBe(true);

    // The live token of every account is one the customer received.
    const links = await readLinks(mailDir);
    const tokens = await platform.query<{ legacy_account_id: string; token_hash: Buffer }>(
      'reset-issuance',
      `SELECT legacy_account_id, token_hash FROM reset_token WHERE wave_id = $1 AND status = 'live'`,
      [wave.id],
    );
    const emailOf = new Map(directories.linkable.map((legacyId, n) => [legacyId, directories.email(n)]));
    for (const { legacy_account_id: legacyId, token_hash: hash } of tokens) {
      const received = (links.get(emailOf.get(legacyId)!) ?? []).map((value) =>
        createHash('sha256').update(value).digest('hex'),
      );
      expect(received).toContain(hash.toString('hex'));
    }
  }, 240_000);
});
