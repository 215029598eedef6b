import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deadLetterTopic, RestrictedTopics, Topics } from '@rekey/contracts';
import { ENROLLMENT_GRANT_ISSUER, verifyEnrollmentGrant } from '@rekey/enrollment-grant';
import { readAllMessages, type ServiceProcess } from '@rekey/testing';
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
 * The first half of the journey across the two services and Kafka: directory exports imported
 * into identity-matching, linked, the verified links consumed by reset-issuance, a wave launched
 * for them, the link read from the .eml the file adapter wrote, and spent from the link page.
 */
describe('link and reset, from directory exports to an enrollment grant', () => {
  const platform = new TestPlatform('link-and-reset');
  const run = randomUUID().slice(0, 8);
  let services: Record<'identity-matching' | 'reset-issuance', ServiceProcess>;
  let mailDir: string;
  let token: string;
  let call: OperatorClient;

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'rekey-e2e-mail-'));
    services = await platform.startServices(['identity-matching', 'reset-issuance'], {
      NOTIFY_TRANSPORT: 'file',
      NOTIFY_FILE_DIR: mailDir,
      RESET_BASE_URL: 'http://127.0.0.1:4102',
      ENROLLMENT_URL: 'http://localhost:4103',
      SCHEDULER_TICK_MS: '200',
    });
    token = await operatorToken(['imports:write', 'review:read', 'waves:write', 'waves:read']);
    call = operatorClient(token);
  }, 120_000);

  afterAll(async () => {
    await rm(mailDir, { recursive: true, force: true });
  });

  const matching = () => services['identity-matching'].url;
  const issuance = () => services['reset-issuance'].url;

  it('links the directories, resets the verified links only, and hands a redeemed link to enrollment', async () => {
    const directories = customerDirectories(run, 60);
    const { id, email, linkable } = directories;
    await importAndLink(call, { matching: matching(), issuance: issuance() }, token, directories);

    // Every customer links on the verified email; the shared inbox goes to review instead. The
    // queue is shared with whatever else ran on this stack (a demo, other tests): read all of it.
    const sharedContactCases: Array<{ legacyAccountId: string }> = [];
    for (let after: string | undefined; ;) {
      const page = await call<{ items: Array<{ legacyAccountId: string }>; next?: string }>(
        'GET',
        `${matching()}/operator/reviews?reason=shared_contact&limit=200${after ? `&after=${after}` : ''}`,
      );
      sharedContactCases.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    const household = sharedContactCases.filter((item) => item.legacyAccountId.startsWith(`e2e-${run}-`));
    expect(household.map((item) => item.legacyAccountId).sort()).toEqual([id('L', 'h1'), id('L', 'h2')]);

    const now = Date.now();
    const wave = await call<{ id: string }>('POST', `${issuance()}/operator/waves`, {
      name: `e2e ${run}`,
      cohort: { legacyAccountIds: [...linkable, id('L', 'h1'), id('L', 'h2')] },
      noticeAt: new Date(now).toISOString(),
      startsAt: new Date(now).toISOString(),
      cutoffAt: new Date(now + 7 * 86_400_000).toISOString(),
      pacePerSecond: 1_000,
    });
    const launched = await launchWave(call, issuance(), wave.id, token);
    // The household's accounts are in review, so not eligible: only the verified links are reset.
    expect(launched.snapshot).toMatchObject({ accountCount: 60, notEligible: 2 });

    const links = await eventually(async () => {
      const found = await readLinks(mailDir);
      return found.size === 60 ? found : undefined;
    }, 60_000);
    expect([...links.keys()].sort()).toEqual(linkable.map((_, n) => email(n)).sort());

    // Opening the link spends nothing: the page is served without the token ever reaching it.
    const resetToken = links.get(email(7))!.at(-1)!;
    const page = await fetch(`${issuance()}/reset`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const redeem = (value: string) =>
      fetch(`${issuance()}/reset/redeem`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuance() },
        body: new URLSearchParams({ token: value }).toString(),
      });
    const redeemed = await redeem(resetToken);
    expect(redeemed.status).toBe(303);
    const location = new URL(redeemed.headers.get('location')!);
    expect(location.origin).toBe('http://localhost:4103');
    const grant = new URLSearchParams(location.hash.slice(1)).get('grant')!;

    const used = new Set<string>();
    const consumeJti = async (jti: string) => !used.has(jti) && Boolean(used.add(jti));
    const options = {
      jwks: new URL(`${issuance()}/.well-known/jwks.json`),
      issuer: ENROLLMENT_GRANT_ISSUER,
      consumeJti,
    };
    expect(await verifyEnrollmentGrant(grant, options)).toMatchObject({
      legacyAccountId: id('L', 7),
      targetAccountId: id('T', 7),
    });
    await expect(verifyEnrollmentGrant(grant, options)).rejects.toThrow();

    // A replay gets exactly the answer an unknown link gets.
    const replay = await redeem(resetToken);
    const unknown = await redeem('A'.repeat(43));
    expect(replay.status).toBe(unknown.status);
    expect(await replay.text()).toBe(await unknown.text());
  }, 240_000);

  it('puts no contact in clear on any shared topic, only on the restricted ones, each for its one reader', async () => {
    const { email, phone, linkable } = customerDirectories(run, 60);
    const contacts = [...linkable.flatMap((_, n) => [email(n), phone(n)]), email('household')];
    const shared = Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const sharedMessages = await readAllMessages(platform.topicPrefix, shared);
    // The journey above went through these topics: there is something to search.
    expect(
      sharedMessages.filter((message) => message.topic === Topics.identity).length,
    ).toBeGreaterThanOrEqual(60);
    expect(sharedMessages.filter((message) => message.topic === Topics.reset).length).toBeGreaterThanOrEqual(
      60,
    );
    const leaks = sharedMessages.flatMap((message) =>
      contacts
        .filter((contact) => message.text.includes(contact))
        .map((contact) => `${message.topic}: ${contact}`),
    );
    expect(leaks).toEqual([]);

    // Each restricted topic's one reader gets its own copy: reset-issuance, and enrollment.
    for (const topic of [RestrictedTopics.identityContacts, RestrictedTopics.enrollmentContacts]) {
      const restricted = await readAllMessages(platform.topicPrefix, [topic]);
      const released = restricted.map((message) => message.text).join('\n');
      for (let n = 0; n < linkable.length; n++) {
        expect(released).toContain(email(n));
        expect(released).toContain(phone(n));
      }
    }
  }, 120_000);
});
