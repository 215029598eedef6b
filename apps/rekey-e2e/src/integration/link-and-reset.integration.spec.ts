import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENROLLMENT_GRANT_ISSUER, verifyEnrollmentGrant } from '@rekey/enrollment-grant';
import type { ServiceProcess } from '@rekey/testing';
import { simpleParser } from 'mailparser';
import { eventually, operatorToken, startServices, stopServices } from './platform';

/**
 * The first half of the journey across the two services and Kafka: directory exports imported
 * into identity-matching, linked, the verified links consumed by reset-issuance, a wave launched
 * for them, the link read from the .eml the file adapter wrote, and spent from the link page.
 */
describe('link and reset, from directory exports to an enrollment grant', () => {
  const run = randomUUID().slice(0, 8);
  const id = (side: 'L' | 'T', n: number | string) => `e2e-${run}-${side}-${n}`;
  const email = (n: number | string) => `customer.${n}.${run}@mail.example`;
  let services: Record<'identity-matching' | 'reset-issuance', ServiceProcess>;
  let mailDir: string;
  let operator: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'rekey-e2e-mail-'));
    services = await startServices(['identity-matching', 'reset-issuance'], {
      NOTIFY_TRANSPORT: 'file',
      NOTIFY_FILE_DIR: mailDir,
      RESET_BASE_URL: 'http://127.0.0.1:4102',
      ENROLLMENT_URL: 'http://127.0.0.1:4103',
      SCHEDULER_TICK_MS: '200',
    });
    operator = await operatorToken(['imports:write', 'review:read', 'waves:write', 'waves:read']);
  }, 120_000);

  afterAll(async () => {
    if (services) await stopServices(services);
    await rm(mailDir, { recursive: true, force: true });
  });

  const call = async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> => {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${operator}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const matching = () => services['identity-matching'].url;
  const eligibleAccounts = async () =>
    (await call<{ eligibleAccounts: number }>('GET', `${issuance()}/operator/eligible-accounts/summary`))
      .eligibleAccounts;
  const issuance = () => services['reset-issuance'].url;

  const upload = (directory: 'legacy' | 'target', lines: object[]) =>
    fetch(`${matching()}/operator/imports?directory=${directory}&fileName=${directory}.ndjson`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/x-ndjson' },
      body: lines.map((line) => JSON.stringify(line)).join('\n'),
    });

  /** Sixty customers on both sides, one verified email each, and two legacy accounts sharing an inbox. */
  function directories() {
    const person = (n: number) => ({
      given_name: ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'][n % 6],
      family_name: `Family${n}`,
      date_of_birth: `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`,
      address_line1: `${n} High Street`,
      address_postal_code: `E2E ${n}`,
      address_country: 'GB',
    });
    const legacy: object[] = [];
    const target: object[] = [];
    for (let n = 0; n < 60; n++) {
      legacy.push({ id: id('L', n), ...person(n), emails: [{ value: email(n), verified: true }] });
      target.push({ id: id('T', n), ...person(n), emails: [{ value: email(n), verified: true }] });
    }
    const household = email('household');
    legacy.push({ id: id('L', 'h1'), ...person(101), emails: [{ value: household, verified: true }] });
    legacy.push({ id: id('L', 'h2'), ...person(102), emails: [{ value: household, verified: true }] });
    target.push({ id: id('T', 'h1'), ...person(101), emails: [{ value: household, verified: true }] });
    return { legacy, target };
  }

  it('links the directories, resets the verified links only, and hands a redeemed link to enrollment', async () => {
    const eligibleBefore = await eligibleAccounts();
    const { legacy, target } = directories();
    expect((await upload('legacy', legacy)).status).toBe(201);
    expect((await upload('target', target)).status).toBe(201);

    const started = await call<{ id: string }>('POST', `${matching()}/operator/match-runs`);
    const finished = await eventually(async () => {
      const state = await call<{ status: string }>('GET', `${matching()}/operator/match-runs/${started.id}`);
      return state.status === 'running' ? undefined : state;
    }, 60_000);
    expect(finished.status).toBe('completed');

    // Every customer links on the verified email; the shared inbox goes to review instead.
    const reviews = await call<{ items: Array<{ legacyAccountId: string; reasons: string[] }> }>(
      'GET',
      `${matching()}/operator/reviews?reason=shared_contact&limit=200`,
    );
    const household = reviews.items.filter((item) => item.legacyAccountId.startsWith(`e2e-${run}-`));
    expect(household.map((item) => item.legacyAccountId).sort()).toEqual([id('L', 'h1'), id('L', 'h2')]);

    // The links reach reset-issuance through Kafka; a wave for this run's accounts takes them.
    await eventually(
      async () => ((await eligibleAccounts()) >= eligibleBefore + 60 ? true : undefined),
      60_000,
    );
    const accounts = [...Array(60).keys()].map((n) => id('L', n));
    const now = Date.now();
    const plan = {
      name: `e2e ${run}`,
      cohort: { legacyAccountIds: [...accounts, id('L', 'h1'), id('L', 'h2')] },
      noticeAt: new Date(now).toISOString(),
      startsAt: new Date(now).toISOString(),
      cutoffAt: new Date(now + 7 * 86_400_000).toISOString(),
      pacePerSecond: 1_000,
    };
    const wave = await call<{ id: string }>('POST', `${issuance()}/operator/waves`, plan);
    const launched = await call<{ snapshot: { accountCount: number; notEligible: number } }>(
      'POST',
      `${issuance()}/operator/waves/${wave.id}/launch`,
    );
    expect(launched.snapshot).toMatchObject({ accountCount: 60, notEligible: 2 });

    const linkFor = await eventually(async () => {
      const links = await readLinks(mailDir);
      return links.size === 60 ? links : undefined;
    }, 60_000);
    expect([...linkFor.keys()].sort()).toEqual([...accounts.map((_, n) => email(n))].sort());

    // Opening the link spends nothing: the page is served without the token ever reaching it.
    const token = linkFor.get(email(7))!;
    const page = await fetch(`${issuance()}/reset`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const redeem = () =>
      fetch(`${issuance()}/reset/redeem`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuance() },
        body: new URLSearchParams({ token }).toString(),
      });
    const redeemed = await redeem();
    expect(redeemed.status).toBe(303);
    const location = new URL(redeemed.headers.get('location')!);
    expect(location.origin).toBe('http://127.0.0.1:4103');
    const grant = new URLSearchParams(location.hash.slice(1)).get('grant')!;

    const used = new Set<string>();
    const verified = await verifyEnrollmentGrant(grant, {
      jwks: new URL(`${issuance()}/.well-known/jwks.json`),
      issuer: ENROLLMENT_GRANT_ISSUER,
      consumeJti: async (jti) => !used.has(jti) && Boolean(used.add(jti)),
    });
    expect(verified).toMatchObject({ legacyAccountId: id('L', 7), targetAccountId: id('T', 7) });

    // A replay gets the answer an unknown link gets.
    const replay = await redeem();
    const unknown = await fetch(`${issuance()}/reset/redeem`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuance() },
      body: new URLSearchParams({ token: 'A'.repeat(43) }).toString(),
    });
    expect(replay.status).toBe(unknown.status);
    expect(await replay.text()).toBe(await unknown.text());
  }, 240_000);
});

/** Recipient → token of every reset link the file adapter wrote. */
async function readLinks(dir: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.eml')) continue;
    const message = await simpleParser(await readFile(path.join(dir, name)));
    const token = /\/reset#t=([A-Za-z0-9_-]{43})/.exec(message.text ?? '')?.[1];
    const to = Array.isArray(message.to) ? message.to[0] : message.to;
    const recipient = to?.value[0]?.address;
    if (token && recipient) links.set(recipient, token);
  }
  return links;
}
