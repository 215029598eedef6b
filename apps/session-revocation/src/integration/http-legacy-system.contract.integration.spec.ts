import { randomUUID } from 'node:crypto';
import { HttpLegacySystem } from '../legacy-system/adapters/http-legacy-system.adapter';
import { legacySystemContract } from '../testing/legacy-system.contract';
import { LegacyApiFakeServer } from './legacy-api.fake-server';

let server: LegacyApiFakeServer;

beforeAll(async () => {
  server = await LegacyApiFakeServer.start('contract-token-s3cr3t');
});

afterAll(async () => {
  await server?.stop();
});

const adapter = (overrides: { token?: string; timeoutMs?: number } = {}) =>
  new HttpLegacySystem({
    baseUrl: server.url,
    authorization: `Bearer ${overrides.token ?? 'contract-token-s3cr3t'}`,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    canSuspend: true,
  });

legacySystemContract('HttpLegacySystem', async () => {
  server.fault = { mode: 'none' };
  return { system: adapter(), accounts: server.accounts };
});

describe('HttpLegacySystem classifies what goes wrong', () => {
  const id = `L-${randomUUID()}`;

  beforeAll(() => server.accounts.add(id));
  afterEach(() => {
    server.fault = { mode: 'none' };
  });

  it('treats a reset connection as transient', async () => {
    server.fault = { mode: 'down' };
    expect(await adapter().revokeAllSessions(id, `${id}:a`)).toMatchObject({
      kind: 'transient',
      code: 'legacy.unreachable',
    });
  });

  it('treats an answer slower than the timeout as transient', async () => {
    server.fault = { mode: 'slow', delayMs: 500 };
    expect(await adapter({ timeoutMs: 150 }).revokeAllSessions(id, `${id}:b`)).toMatchObject({
      kind: 'transient',
      code: 'legacy.timeout',
    });
  });

  it('treats a 503 as transient and a 429 as transient with its Retry-After', async () => {
    server.fault = { mode: 'fail' };
    expect(await adapter().retireLogin(id, `${id}:c`)).toMatchObject({
      kind: 'transient',
      code: 'legacy.unavailable',
    });
    server.fault = { mode: 'rate-limit', retryAfterSeconds: 7 };
    expect(await adapter().retireLogin(id, `${id}:c`)).toEqual({
      kind: 'transient',
      code: 'legacy.rate-limited',
      message: expect.any(String),
      retryAfterMs: 7_000,
    });
  });

  it('treats a body that is not JSON as transient garbage', async () => {
    server.fault = { mode: 'garbage' };
    expect(await adapter().suspendSessions(id, `${id}:d`)).toMatchObject({
      kind: 'transient',
      code: 'legacy.garbage',
    });
    expect(await adapter().listSessions(id)).toMatchObject({ kind: 'transient', code: 'legacy.garbage' });
  });

  it('never puts the credential in a failure message', async () => {
    const refused = await adapter({ token: 'wrong-token-s3cr3t' }).revokeAllSessions(id, `${id}:e`);
    expect(refused).toMatchObject({ kind: 'transient', code: 'legacy.unauthorized' });
    const messages = [refused, await adapter().revokeAllSessions(`missing-${id}`, `${id}:f`)].map((outcome) =>
      JSON.stringify(outcome),
    );
    for (const message of messages) {
      expect(message).not.toContain('s3cr3t');
      expect(message).not.toContain('Bearer');
    }
  });
});
