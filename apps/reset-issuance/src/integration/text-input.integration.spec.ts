import { mintOperatorToken } from '@rekey/operator-auth';
import { startCustomerJourneyService, type CustomerJourneyService } from './customer-journey.fixture';

const problemContentType = /^application\/problem\+json(;|$)/;

describe('text inputs with control characters', () => {
  let journey: CustomerJourneyService;
  let token: string;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('text_input');
    token = await mintOperatorToken({
      subject: 'alice@example.com',
      scopes: ['holds:write'],
      ttlSeconds: 600,
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  async function placeHold(body: Record<string, unknown>) {
    const response = await fetch(`${journey.url}/operator/holds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { response, body: (await response.json()) as Record<string, unknown> };
  }

  async function storedHolds(): Promise<number> {
    const { rows } = await journey.db.query<{ count: string }>('SELECT count(*) AS count FROM account_hold');
    return Number(rows[0]?.count);
  }

  async function storedEvents(): Promise<number> {
    const { rows } = await journey.db.query<{ count: string }>(
      'SELECT count(*) AS count FROM outbox_message',
    );
    return Number(rows[0]?.count);
  }

  it.each([
    ['reason', { legacyAccountId: 'L-1001', reason: 'suspected\u0000takeover' }],
    ['legacyAccountId', { legacyAccountId: 'L-1001\u0000', reason: 'suspected takeover' }],
  ])('refuses a NUL in a hold %s with 400 naming the field, and stores nothing', async (field, hold) => {
    const [holdsBefore, eventsBefore] = [await storedHolds(), await storedEvents()];

    const { response, body } = await placeHold(hold);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(problemContentType);
    expect(body).toMatchObject({
      status: 400,
      code: 'request.invalid',
      errors: [{ field, message: expect.stringContaining('Control characters') }],
    });
    expect(await storedHolds()).toBe(holdsBefore);
    expect(await storedEvents()).toBe(eventsBefore);
  });

  it('refuses an escape sequence in a reason, which a log viewer would interpret', async () => {
    const { response, body } = await placeHold({ legacyAccountId: 'L-1001', reason: 'takeover\u001b[2J' });

    expect(response.status).toBe(400);
    expect(body['errors']).toEqual([{ field: 'reason', message: expect.any(String) }]);
  });

  it('refuses a NUL in a route parameter, before any query reaches PostgreSQL', async () => {
    const response = await fetch(`${journey.url}/operator/holds/L-1001%00`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(problemContentType);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'legacyAccountId' }] });
  });

  it('refuses a NUL in a query string', async () => {
    const response = await fetch(`${journey.url}/operator/holds/L-1001?view=%00`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'view' }] });
  });

  it('still places a hold whose reason keeps a line break', async () => {
    const { response, body } = await placeHold({
      legacyAccountId: 'L-text-input',
      reason: 'suspected takeover\nreported by the customer',
    });

    // Placed, or refused for the account itself (one no directory holds): never for the text.
    expect(body['code']).not.toBe('request.invalid');
    expect(response.status).not.toBe(500);
    if (response.status === 201) expect(body['reason']).toBe('suspected takeover\nreported by the customer');
  });
});
