import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintOperatorToken } from '@rekey/operator-auth';
import {
  seedJourney,
  startCustomerJourneyService,
  tokenStatus,
  type CustomerJourneyService,
} from './customer-journey.fixture';

// Short here so that the test sees both sides of it; the default is 65 s.
const KEEP_ALIVE_MS = 1_500;

/** One HTTP/1.1 exchange on a socket the test holds, so it knows which connection answered. */
function get(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const length = /content-length: (\d+)/i.exec(answer);
      const end = answer.indexOf('\r\n\r\n');
      if (length && end >= 0 && answer.length >= end + 4 + Number(length[1])) {
        socket.off('data', onData);
        resolve(answer);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('the HTTP server', () => {
  let journey: CustomerJourneyService;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('keep_alive', {
      HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it('keeps an idle connection open for HTTP_KEEP_ALIVE_TIMEOUT_MS, then closes it', async () => {
    const { port } = new URL(journey.url);
    const socket = connect(Number(port), '127.0.0.1');
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
    try {
      expect(await get(socket, '/health/live')).toMatch(/^HTTP\/1\.1 200/);
      await sleep(KEEP_ALIVE_MS / 2);
      expect(socket.destroyed).toBe(false);
      expect(await get(socket, '/health/live')).toMatch(/^HTTP\/1\.1 200/);
      const lastAnswer = performance.now();

      const closedAfter = (await closed) - lastAnswer;
      expect(closedAfter).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 100);
      expect(closedAfter).toBeLessThan(KEEP_ALIVE_MS + 3_000);
    } finally {
      socket.destroy();
    }
  }, 30_000);

  it('does not say what it is built with', async () => {
    const response = await fetch(`${journey.url}/health/live`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  describe('a body customer pages never send', () => {
    const customerRoutes = ['/reset/redeem', '/reset/request-link', '/reset/step-up'];

    const post = (route: string, contentType: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${journey.url}${route}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': contentType, origin: journey.url, ...headers },
        body,
      });

    /** A customer page with every customer page's headers, never a problem document. */
    async function expectCustomerPage(response: Response, status: number): Promise<void> {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('Please use the reset page');
      expect(html).not.toContain('problem');
    }

    it.each(customerRoutes)('answers malformed JSON on %s with the 400 customer page', async (route) => {
      await expectCustomerPage(await post(route, 'application/json', '{"token": "abc'), 400);
      // Not an object or array: body-parser refuses it in strict mode.
      await expectCustomerPage(await post(route, 'application/json', '"abc"'), 400);
    });

    it.each(customerRoutes)(
      'answers a body of another media type on %s with the 415 customer page',
      async (route) => {
        await expectCustomerPage(await post(route, 'text/plain', 'token=abc'), 415);
        await expectCustomerPage(
          await post(
            route,
            'multipart/form-data; boundary=x',
            '--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc\r\n--x--',
          ),
          415,
        );
      },
    );

    it('answers a form too large, a charset it cannot decode and a control character with customer pages', async () => {
      await expectCustomerPage(
        await post('/reset/redeem', 'application/x-www-form-urlencoded', `token=${'a'.repeat(200_000)}`),
        413,
      );
      await expectCustomerPage(
        await post('/reset/redeem', 'application/x-www-form-urlencoded; charset=koi8-r', 'token=abc'),
        415,
      );
      await expectCustomerPage(
        await post('/reset/redeem', 'application/x-www-form-urlencoded', 'token=a%00b'),
        400,
      );
    });

    it('spends nothing: the live token still redeems after a malformed body carried it', async () => {
      const seeded = await seedJourney(journey.db);
      await expectCustomerPage(
        await post('/reset/redeem', 'application/json', `{"token":"${seeded.token}"`),
        400,
      );
      expect(await tokenStatus(journey.db, seeded.tokenId)).toBe('live');
      const redeemed = await post(
        '/reset/redeem',
        'application/json',
        JSON.stringify({ token: seeded.token }),
      );
      expect(redeemed.status).toBe(303);
    });

    it('still refuses a cross-origin POST first, with its own page', async () => {
      const response = await post('/reset/redeem', 'application/json', '{', {
        origin: 'https://evil.example',
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('can only be sent from our reset page');
    });

    it('leaves operator APIs on problem+json, without echoing the body', async () => {
      const token = await mintOperatorToken({
        subject: 'alice@example.com',
        scopes: ['holds:write'],
        ttlSeconds: 600,
      });
      const response = await post('/operator/holds', 'application/json', '{"reason": "secret-value', {
        authorization: `Bearer ${token}`,
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({
        status: 400,
        code: 'http.bad-request',
        detail: 'The request could not be read; a JSON body must be well-formed.',
      });
      expect(JSON.stringify(problem)).not.toContain('secret-value');
    });
  });
});
