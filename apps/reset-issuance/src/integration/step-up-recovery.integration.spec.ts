import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contactHash } from '../eligibility/domain/contact-hash';
import { ProcessReissueRequests } from '../issuance/process-reissue-requests';
import {
  journeyStatus,
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
  type JourneyOptions,
} from './customer-journey.fixture';

/**
 * A customer whose step-up did not pass (locked, code expired, sent to support) is told to ask for
 * a new link: that request must give one, and its redemption a fresh challenge.
 */
describe('starting step-up over with a new link', () => {
  let journey: CustomerJourneyService;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_step_up_recovery', {
      // The seeded link was issued a minute ago: past this cooldown, within the next one.
      REISSUE_COOLDOWN_SECONDS: '30',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_GLOBAL_SHARDS: '1',
      STEP_UP_LIMIT_GLOBAL: '5',
      TRUST_PROXY: '1',
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  let addresses = 0;
  const from = () => ({ 'x-forwarded-for': `10.6.${(addresses += 1)}.1` });

  async function intoStepUp(options: JourneyOptions) {
    const seeded = await seedJourney(journey.db, options);
    for (const contact of options.contacts ?? []) {
      await journey.db.query(
        `INSERT INTO eligible_contact (contact_hash, legacy_account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [contactHash(contact.kind, contact.value), seeded.legacyAccountId],
      );
    }
    return { seeded, cookie: await redeemInto(seeded.token) };
  }

  async function redeemInto(token: string): Promise<string> {
    const response = await postForm(journey, '/reset/redeem', { token }, from());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/reset/step-up');
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  async function latestCode(journeyId: string): Promise<string> {
    const { rows } = await journey.db.query(
      `SELECT id FROM step_up_challenge WHERE journey_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [journeyId],
    );
    const text = await readFile(path.join(journey.notifyDir, `step-up-${rows[0].id}.txt`), 'utf8');
    return /code is (\d{6})/.exec(text)![1]!;
  }

  /** "Send me a new link", then the scheduler's pass over it: the new link's token, if one was issued. */
  async function requestNewLink(email: string): Promise<string | undefined> {
    expect((await postForm(journey, '/reset/request-link', { email }, from())).status).toBe(200);
    const { links } = await journey.service.app.get(ProcessReissueRequests).execute();
    return links.find((link) => link.issuance.channel.value === email)?.token;
  }

  const submitCode = (cookie: string, code: string) =>
    postForm(journey, '/reset/step-up', { code }, { cookie, ...from() });
  const stepUpPage = async (cookie: string) =>
    (await fetch(`${journey.url}/reset/step-up`, { headers: { cookie } })).text();

  const twoChannels = (name: string) => [
    { kind: 'email' as const, value: `${name}-${Date.now()}@example.com` },
    { kind: 'sms' as const, value: '+33612345678' },
  ];

  it('gives a customer locked out after wrong codes a new link, a fresh code, and the way to enrollment', async () => {
    const contacts = twoChannels('locked');
    const { seeded, cookie } = await intoStepUp({ segments: ['privileged'], contacts });
    const code = await latestCode(seeded.journeyId);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) await submitCode(cookie, wrong);
    expect(await stepUpPage(cookie)).toContain('This check cannot continue');

    const token = await requestNewLink(contacts[0]!.value);
    expect(token).toBeDefined();
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('issued');
    // Asking again at once is within the cooldown: no second link.
    expect(await requestNewLink(contacts[0]!.value)).toBeUndefined();

    const fresh = await redeemInto(token!);
    const freshCode = await latestCode(seeded.journeyId);
    const passed = await submitCode(fresh, freshCode);
    expect(passed.status).toBe(303);
    expect(passed.headers.get('location')).toMatch(/\/enroll#grant=/);
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('stepped_up');
  });

  it('gives a customer whose code expired a new link, and closes the old challenge for good', async () => {
    const contacts = twoChannels('expired');
    const { seeded, cookie } = await intoStepUp({ segments: ['delegated'], contacts });
    const oldCode = await latestCode(seeded.journeyId);
    await journey.db.query(
      `UPDATE step_up_challenge SET expires_at = now() - interval '1 second' WHERE journey_id = $1`,
      [seeded.journeyId],
    );
    expect(await stepUpPage(cookie)).toContain('This check cannot continue');

    const token = await requestNewLink(contacts[0]!.value);
    expect(token).toBeDefined();
    const fresh = await redeemInto(token!);
    expect(await stepUpPage(fresh)).toContain('We sent a code to');
    // Only the newest challenge of the journey takes codes; the old session is over.
    await journey.db.query(
      `UPDATE step_up_challenge SET expires_at = now() + interval '5 minutes' WHERE journey_id = $1`,
      [seeded.journeyId],
    );
    expect((await submitCode(cookie, oldCode)).status).toBe(400);
    expect((await submitCode(fresh, await latestCode(seeded.journeyId))).status).toBe(303);
  });

  it('gives a customer sent to support proofing a new link that leads to the support page again', async () => {
    const contacts = [{ kind: 'email' as const, value: `support-${Date.now()}@example.com` }];
    const { seeded, cookie } = await intoStepUp({ segments: ['shared_contact'], contacts });
    expect(await stepUpPage(cookie)).toContain('Contact support to continue');

    const token = await requestNewLink(contacts[0]!.value);
    expect(token).toBeDefined();
    const fresh = await redeemInto(token!);
    expect(await stepUpPage(fresh)).toContain('Contact support to continue');
    expect(await stepUpPage(cookie)).toContain('This check cannot continue');
    expect(await journeyStatus(journey.db, seeded.journeyId)).toBe('step_up_required');
  });

  it('lets a customer with an open challenge through a flood of bogus step-up sessions', async () => {
    const contacts = twoChannels('flood');
    const { seeded, cookie } = await intoStepUp({ segments: ['privileged'], contacts });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      statuses.push((await submitCode(`rekey_step_up=bogus-${attempt}`, '123456')).status);
    }
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    const passed = await submitCode(cookie, await latestCode(seeded.journeyId));
    expect(passed.status).toBe(303);
  });
});
