import { readdir } from 'node:fs/promises';
import {
  ConsumedGrantJtis1767657600001,
  createPgJtiStore,
  EnrollmentGrantRejected,
  verifyEnrollmentGrant,
} from '@rekey/enrollment-grant';
import { readOutboxFolder } from '@rekey/notifications/testing';
import { DataSource } from 'typeorm';
import {
  journeyStatus,
  outboxEvents,
  postForm,
  seedJourney,
  startCustomerJourneyService,
  tokenStatus,
  type CustomerJourneyService,
} from './customer-journey.fixture';

const roomyLimits = {
  REDEEM_LIMIT_PER_IP: '100000',
  REDEEM_LIMIT_PER_SUBNET: '100000',
  REDEEM_LIMIT_GLOBAL: '100000',
  REQUEST_LINK_LIMIT_PER_IP: '100000',
  REQUEST_LINK_LIMIT_PER_SUBNET: '100000',
  STEP_UP_LIMIT_PER_IP: '100000',
  STEP_UP_LIMIT_PER_SUBNET: '100000',
  ENROLLMENT_URL: 'http://127.0.0.1:3999',
};

// Headers that legitimately differ between two identical answers.
const perRequestHeaders = new Set(['date', 'keep-alive', 'connection']);

async function snapshot(response: Response) {
  const headers = [...response.headers.entries()].filter(([name]) => !perRequestHeaders.has(name));
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

function expectCustomerPageHeaders(response: Response): void {
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cache-control')).toBe('no-store');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('redeeming a reset link', () => {
  let journey: CustomerJourneyService;
  let jtiDatabase: DataSource;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_redeem', roomyLimits);
    // Enrollment's side: the jti table in a database of its own (here, the same scratch server).
    jtiDatabase = new DataSource({
      type: 'postgres',
      url: journey.service.config.DATABASE_URL,
      migrations: [ConsumedGrantJtis1767657600001],
      migrationsTableName: 'enrollment_migrations',
    });
    await jtiDatabase.initialize();
    await jtiDatabase.runMigrations();
  });

  afterAll(async () => {
    await jtiDatabase?.destroy();
    await journey?.stop();
  });

  const redeem = (token: string) => postForm(journey, '/reset/redeem', { token });

  it('serves the link page on GET without spending anything, with the customer-page headers', async () => {
    const seeded = await seedJourney(journey.db);
    const response = await fetch(`${journey.url}/reset`);
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).not.toMatch(/on(click|load|submit)=/);
    expect(html).toContain('action="/reset/redeem"');
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('live');
  });

  it('spends a live token once and hands a standard account to enrollment with a grant', async () => {
    const seeded = await seedJourney(journey.db);
    const response = await redeem(seeded.token);
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:3999\/enroll#grant=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('redeemed');
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('redeemed');

    const events = await outboxEvents(journey.db, seeded.legacyAccountId);
    expect(events.map((event) => event.type)).toEqual(['rekey.reset.token-redeemed.v1']);
    expect(events[0]!.data).toMatchObject({
      journeyId: seeded.journeyId,
      issuanceId: seeded.tokenId,
      client: { ipAddress: '127.0.0.1' },
      next: 'enrollment',
    });
    expect(JSON.stringify(events)).not.toContain(seeded.token);
  });

  it('accepts the token as JSON too', async () => {
    const seeded = await seedJourney(journey.db);
    const response = await fetch(`${journey.url}/reset/redeem`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', origin: journey.url },
      body: JSON.stringify({ token: seeded.token }),
    });
    expect(response.status).toBe(303);
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('redeemed');
  });

  it('gives the grant that verifies against the JWKS endpoint, once', async () => {
    const seeded = await seedJourney(journey.db);
    const location = (await redeem(seeded.token)).headers.get('location')!;
    const jwt = new URL(location).hash.replace('#grant=', '');
    const store = createPgJtiStore(jtiDatabase);
    const options = {
      jwks: new URL(`${journey.url}/.well-known/jwks.json`),
      issuer: 'reset-issuance',
      consumeJti: store.consumeJti,
    };
    const grant = await verifyEnrollmentGrant(jwt, options);
    expect(grant).toMatchObject({
      legacyAccountId: seeded.legacyAccountId,
      journeyId: seeded.journeyId,
      waveId: seeded.waveId,
      targetAccountId: `target-${seeded.legacyAccountId}`,
    });
    expect(grant.expiresAt.getTime() - grant.issuedAt.getTime()).toBeLessThanOrEqual(600_000);
    const recorded = await journey.db.query(`SELECT journey_id FROM enrollment_grant WHERE jti = $1`, [
      grant.jti,
    ]);
    expect(recorded.rows).toEqual([{ journey_id: seeded.journeyId }]);

    const second = await verifyEnrollmentGrant(jwt, options).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(EnrollmentGrantRejected);
    expect((second as EnrollmentGrantRejected).reason).toBe('already-used');
  });

  it('lets exactly one of two concurrent POSTs of the same token through', async () => {
    const seeded = await seedJourney(journey.db);
    const responses = await Promise.all([redeem(seeded.token), redeem(seeded.token)]);
    expect(responses.map((response) => response.status).sort()).toEqual([303, 400]);
    const events = await outboxEvents(journey.db, seeded.legacyAccountId);
    expect(events.map((event) => event.type).sort()).toEqual([
      'rekey.reset.redemption-failed.v1',
      'rekey.reset.token-redeemed.v1',
    ]);
    expect(events.find((event) => event.type.includes('failed'))!.data['reason']).toBe('already_used');
  });

  it('answers unknown, expired, used, superseded and held tokens with the same bytes and comparable timing', async () => {
    const cases = {
      unknown: async () => 'A'.repeat(43),
      expired: async () => (await seedJourney(journey.db, { expiresInMinutes: -1 })).token,
      used: async () => (await seedJourney(journey.db, { tokenStatus: 'redeemed' })).token,
      superseded: async () => (await seedJourney(journey.db, { tokenStatus: 'superseded' })).token,
      held: async () => (await seedJourney(journey.db, { held: true })).token,
    };
    const tokens = Object.fromEntries(
      await Promise.all(Object.entries(cases).map(async ([name, make]) => [name, await make()] as const)),
    );
    const answers = await Promise.all(
      Object.values(tokens).map(async (token) => snapshot(await redeem(token))),
    );
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(400);
    expect(answers[0]!.body.toString()).toContain('This link cannot be used');

    // Interleaved rounds, so load from other tests on the machine hits every case alike.
    const timings: Record<string, number[]> = Object.fromEntries(
      Object.keys(tokens).map((name) => [name, []]),
    );
    for (let round = 0; round < 25; round += 1) {
      for (const [name, token] of Object.entries(tokens)) {
        const started = performance.now();
        await (await redeem(token)).arrayBuffer();
        timings[name]!.push(performance.now() - started);
      }
    }
    const medians = Object.values(timings).map(median);
    expect(Math.max(...medians) - Math.min(...medians)).toBeLessThan(Math.max(15, Math.min(...medians)));
  });

  it('does not spend a held token, and records why it failed', async () => {
    const seeded = await seedJourney(journey.db, { held: true });
    expect((await redeem(seeded.token)).status).toBe(400);
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('live');
    const events = await outboxEvents(journey.db, seeded.legacyAccountId);
    expect(events.at(-1)).toMatchObject({
      type: 'rekey.reset.redemption-failed.v1',
      data: { reason: 'held', journeyId: seeded.journeyId },
    });
  });

  it('refuses a cross-origin POST without spending the token', async () => {
    const seeded = await seedJourney(journey.db);
    const foreign = await postForm(
      journey,
      '/reset/redeem',
      { token: seeded.token },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    // A customer page with every customer page's headers, not a problem document.
    expectCustomerPageHeaders(foreign);
    expect(await foreign.text()).toContain('Please use the reset page');
    const foreignLink = await postForm(
      journey,
      '/reset/request-link',
      { email: 'jane@example.com' },
      { origin: 'https://evil.example' },
    );
    expect(foreignLink.status).toBe(403);
    expectCustomerPageHeaders(foreignLink);
    const foreignCode = await postForm(
      journey,
      '/reset/step-up',
      { code: '123456' },
      { origin: 'https://evil.example' },
    );
    expect(foreignCode.status).toBe(403);
    expectCustomerPageHeaders(foreignCode);
    const headerless = await fetch(`${journey.url}/reset/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${seeded.token}`,
    });
    expect(headerless.status).toBe(403);
    // Pages with Referrer-Policy: no-referrer make browsers send "Origin: null"; Fetch Metadata decides then.
    const nullCrossSite = await postForm(
      journey,
      '/reset/redeem',
      { token: seeded.token },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    );
    expect(nullCrossSite.status).toBe(403);
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('live');
  });

  it('answers "send me a new link" identically for known and unknown addresses, and records both', async () => {
    const contact = `known-${Date.now()}@example.com`;
    await seedJourney(journey.db, { contacts: [{ kind: 'email', value: contact }] });
    const before = Number((await journey.db.query(`SELECT count(*) FROM reissue_request`)).rows[0].count);
    const known = await snapshot(
      await postForm(journey, '/reset/request-link', { email: ` ${contact.toUpperCase()} ` }),
    );
    const unknown = await snapshot(
      await postForm(journey, '/reset/request-link', { email: 'nobody@example.com' }),
    );
    expect(known).toEqual(unknown);
    expect(known.status).toBe(200);
    const after = Number((await journey.db.query(`SELECT count(*) FROM reissue_request`)).rows[0].count);
    expect(after - before).toBe(2);
    const hashes = await journey.db.query(
      `SELECT encode(contact_hash, 'hex') AS hash FROM reissue_request ORDER BY id DESC LIMIT 2`,
    );
    const expected = (await import('node:crypto'))
      .createHash('sha256')
      .update(`email:${contact}`)
      .digest('hex');
    expect(hashes.rows.map((row: { hash: string }) => row.hash)).toContain(expected);
  });

  it('answers a malformed address with the form again, as a customer page, recording nothing', async () => {
    const before = Number((await journey.db.query(`SELECT count(*) FROM reissue_request`)).rows[0].count);
    const response = await postForm(journey, '/reset/request-link', { email: 'not-an-address' });
    expect(response.status).toBe(400);
    expectCustomerPageHeaders(response);
    const html = await response.text();
    expect(html).toContain('That does not look like an email address');
    expect(html).toContain('action="/reset/request-link"');
    const after = Number((await journey.db.query(`SELECT count(*) FROM reissue_request`)).rows[0].count);
    expect(after).toBe(before);
  });

  it('redeems by the short code of the message, spent with the link, failing as an unknown token does', async () => {
    const seeded = await seedJourney(journey.db);
    const unknownToken = await snapshot(await redeem('no-such-token'));
    const unknownCode = await snapshot(
      await postForm(journey, '/reset/redeem', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }),
    );
    const notACode = await snapshot(await postForm(journey, '/reset/redeem', { code: '<script>' }));
    expect(unknownCode).toEqual(unknownToken);
    expect(notACode).toEqual(unknownToken);

    const byCode = await postForm(journey, '/reset/redeem', { code: seeded.code.replace(/-/g, ' ') });
    expect(byCode.status).toBe(303);
    expect(byCode.headers.get('location')).toMatch(/\/enroll#grant=/);
    expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('redeemed');
    expect(await snapshot(await postForm(journey, '/reset/redeem', { code: seeded.code }))).toEqual(
      unknownToken,
    );
    expect(await snapshot(await redeem(seeded.token))).toEqual(unknownToken);

    // And the other way round: a spent link takes its code with it.
    const other = await seedJourney(journey.db);
    expect((await redeem(other.token)).status).toBe(303);
    expect(await snapshot(await postForm(journey, '/reset/redeem', { code: other.code }))).toEqual(
      unknownToken,
    );
  });

  it('reads form keys as written: a bracketed key is a field of its own, not nested data', async () => {
    // A parser that nests would turn `email` into an array holding an object, and refuse it.
    const response = await postForm(journey, '/reset/request-link', {
      email: 'flat-form@example.com',
      'email[$ne]': 'x',
    });
    expect(response.status).toBe(200);
  });

  describe('step-up', () => {
    const privilegedContacts = [
      { kind: 'email' as const, value: 'admin@example.com' },
      { kind: 'sms' as const, value: '+33612345678' },
    ];

    async function redeemIntoStepUp(options: Parameters<typeof seedJourney>[1]) {
      const seeded = await seedJourney(journey.db, options);
      const response = await redeem(seeded.token);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/reset/step-up');
      const setCookie = response.headers.get('set-cookie')!;
      expect(setCookie).toMatch(
        /^rekey_step_up=[\w-]{43}; Path=\/reset; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
      );
      return { seeded, cookie: setCookie.split(';')[0]! };
    }

    async function sentCode(challengeJourneyId: string): Promise<{ to: string; code: string }> {
      const { rows } = await journey.db.query(`SELECT id FROM step_up_challenge WHERE journey_id = $1`, [
        challengeJourneyId,
      ]);
      // An SMS code is a .txt file, an email code an .eml: both named after the challenge.
      const sent = (await readOutboxFolder(journey.notifyDir)).find(
        ({ id }) => id === `step-up-${rows[0].id}`,
      );
      return { to: sent!.recipient, code: /code is (\d{6})/.exec(sent!.text)![1]! };
    }

    const submitCode = (cookie: string, code: string) =>
      postForm(journey, '/reset/step-up', { code }, { cookie });

    it('sends a privileged account a code on the other channel, and its code leads to enrollment', async () => {
      const { seeded, cookie } = await redeemIntoStepUp({
        segments: ['privileged'],
        contacts: privilegedContacts,
      });
      expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('step_up_required');
      const sent = await sentCode(seeded.journeyId);
      expect(sent.to).toBe('+33612345678');

      const page = await fetch(`${journey.url}/reset/step-up`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('+33*******78');

      const stored = await journey.db.query(
        `SELECT code_hmac, session_hash FROM step_up_challenge WHERE journey_id = $1`,
        [seeded.journeyId],
      );
      expect(stored.rows[0].code_hmac.toString('hex')).not.toContain(sent.code);

      const passed = await submitCode(cookie, sent.code);
      expect(passed.status).toBe(303);
      expect(passed.headers.get('location')).toMatch(/\/enroll#grant=/);
      expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('stepped_up');

      const events = await outboxEvents(journey.db, seeded.legacyAccountId);
      expect(events.map((event) => event.type)).toEqual([
        'rekey.reset.token-redeemed.v1',
        'rekey.reset.step-up-required.v1',
        'rekey.reset.step-up-passed.v1',
      ]);
      expect(events[1]!.data).toMatchObject({
        reasons: ['privileged'],
        method: 'one_time_passcode',
        channel: { kind: 'sms', masked: '+33*******78' },
      });
      expect(JSON.stringify(events)).not.toContain(sent.code);

      // The challenge is over: the same code does nothing more.
      expect((await submitCode(cookie, sent.code)).status).toBe(400);
    });

    it('locks the challenge after five wrong codes, after which even the right one fails', async () => {
      const { seeded, cookie } = await redeemIntoStepUp({
        segments: ['delegated'],
        contacts: privilegedContacts,
      });
      const { code } = await sentCode(seeded.journeyId);
      const wrong = code === '000000' ? '111111' : '000000';
      const answers: string[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1)
        answers.push(await (await submitCode(cookie, wrong)).text());
      expect(answers.slice(0, 4).every((answer) => answer.includes('That code did not work'))).toBe(true);
      expect(answers[4]).toContain('This check cannot continue');
      const afterLock = await submitCode(cookie, code);
      expect(afterLock.status).toBe(400);
      expect(await afterLock.text()).toBe(answers[4]);
      const { rows } = await journey.db.query(
        `SELECT status, attempts FROM step_up_challenge WHERE journey_id = $1`,
        [seeded.journeyId],
      );
      expect(rows[0]).toEqual({ status: 'locked', attempts: 5 });
      expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('step_up_required');
    });

    it('steps up a fraud-flagged standard account too', async () => {
      const { seeded } = await redeemIntoStepUp({
        fraudFlagged: true,
        contacts: privilegedContacts,
        channel: 'sms',
      });
      expect((await sentCode(seeded.journeyId)).to).toBe('admin@example.com');
    });

    it('sends an account without a second verified channel to support proofing', async () => {
      const { seeded, cookie } = await redeemIntoStepUp({
        segments: ['shared_contact'],
        contacts: [{ kind: 'email', value: 'family@example.com' }],
      });
      const page = await fetch(`${journey.url}/reset/step-up`, { headers: { cookie } });
      expect(await page.text()).toContain('Contact support to continue');
      const events = await outboxEvents(journey.db, seeded.legacyAccountId);
      expect(events[1]).toMatchObject({
        type: 'rekey.reset.step-up-required.v1',
        data: { method: 'support_proofing', reasons: ['shared_contact'] },
      });
      expect(events[1]!.data['channel']).toBeUndefined();
      const files = await readdir(journey.notifyDir);
      const { rows } = await journey.db.query(`SELECT id FROM step_up_challenge WHERE journey_id = $1`, [
        seeded.journeyId,
      ]);
      expect(files.filter((name) => name.startsWith(`step-up-${rows[0].id}`))).toEqual([]);
    });

    it('answers a step-up without a session like a locked one', async () => {
      const response = await postForm(journey, '/reset/step-up', { code: '123456' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('This check cannot continue');
    });
  });

  it('publishes what it committed to Kafka', async () => {
    const seeded = await seedJourney(journey.db);
    await redeem(seeded.token);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await journey.db.query(
        `SELECT count(*)::int AS unsent FROM outbox_message WHERE message_key = $1 AND sent_at IS NULL`,
        [seeded.legacyAccountId],
      );
      if (rows[0].unsent === 0) break;
      if (Date.now() > deadline) throw new Error('the outbox relay did not publish');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
