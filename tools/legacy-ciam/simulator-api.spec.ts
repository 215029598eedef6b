import type { LegacyCiam } from './legacy-ciam-server';
import { aSimulator, call, sessionsPath } from './legacy-ciam.fixture';
import { legacyPasswordOf } from './legacy-passwords';

describe('the simulator’s own endpoints', () => {
  let simulator: LegacyCiam;
  beforeEach(async () => {
    simulator = await aSimulator(['a-1', 'a-2']);
  });
  afterEach(() => simulator.close());

  const login = (accountId: string, password: string, path = '/login') =>
    call(simulator, 'POST', path, { body: { accountId, password }, authorization: null });

  it('signs an account in with its derived password, opening a legacy session', async () => {
    const answer = await login('a-1', legacyPasswordOf('a-1'));
    expect(answer.status).toBe(200);
    const { sessions } = (await call(simulator, 'GET', sessionsPath('a-1'))).json;
    expect(sessions.map((session: { id: string }) => session.id)).toContain(answer.json.sessionId);
    expect((await login('a-2', legacyPasswordOf('a-2'), '/legacy/login')).status).toBe(200);
  });

  it('refuses the old password once the login is retired, with the answer a wrong password gets', async () => {
    await call(simulator, 'POST', '/legacy/accounts/a-1/login/retire', { key: 'retire-a-1' });
    const retired = await login('a-1', legacyPasswordOf('a-1'));
    const wrong = await login('a-2', 'not-the-password');
    const unknown = await login('nobody', legacyPasswordOf('nobody'));
    for (const answer of [retired, wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: 'invalid credentials' });
    }
    expect(simulator.state.stats().logins).toEqual({ accepted: 0, refused: 3, refusedRetired: 1 });
  });

  it('derives passwords from the seed: another seed, another password', () => {
    expect(legacyPasswordOf('a-1')).toHaveLength(16);
    expect(legacyPasswordOf('a-1')).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(legacyPasswordOf('a-1', 'other-seed')).not.toBe(legacyPasswordOf('a-1'));
    expect(legacyPasswordOf('a-1')).toBe(legacyPasswordOf('a-1'));
  });

  it('seeds accounts in bulk, leaving those it already holds as they are', async () => {
    await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'r' });
    const answer = await call(simulator, 'POST', '/_simulator/accounts', {
      body: ['a-1', 'b-1', 'b-2'],
      authorization: null,
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ created: 2, existing: 1 });
    expect((await call(simulator, 'GET', '/_simulator/accounts/a-1')).json.revokedAt).toEqual(
      expect.any(String),
    );
    expect((await call(simulator, 'GET', sessionsPath('b-2'))).status).toBe(200);
    expect((await call(simulator, 'POST', '/_simulator/accounts', { body: { ids: ['x'] } })).status).toBe(
      400,
    );
  });

  it('shows an account’s sessions, login state and the calls made for it, never its password', async () => {
    await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'r' });
    await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'r' });
    const answer = await call(simulator, 'GET', '/_simulator/accounts/a-1');
    expect(answer.json).toMatchObject({ id: 'a-1', loginRetired: false });
    expect(answer.json.calls).toEqual([
      expect.objectContaining({ method: 'POST', status: 200, idempotencyKey: 'r' }),
      expect.objectContaining({ method: 'POST', status: 200, idempotencyKey: 'r', replayed: true }),
    ]);
    expect(answer.text).not.toContain('password');
    expect(answer.text).not.toContain(legacyPasswordOf('a-1'));
    expect((await call(simulator, 'GET', '/_simulator/accounts/nobody')).status).toBe(404);
  });

  it('opens a session at the legacy side after a revocation: drift for a re-sync to find', async () => {
    await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'r' });
    const created = await call(simulator, 'POST', '/_simulator/accounts/a-1/sessions', {
      authorization: null,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'active' });
    const { sessions } = (await call(simulator, 'GET', sessionsPath('a-1'))).json;
    expect(sessions.filter((session: { status: string }) => session.status === 'active')).toEqual([
      created.json,
    ]);
  });

  it('counts every legacy call, and effects per key never above one', async () => {
    await call(simulator, 'PUT', '/_simulator/faults', { body: { mode: 'fail', failRatio: 0.5 } });
    for (let attempt = 0; attempt < 4; attempt++)
      await call(simulator, 'POST', `${sessionsPath('a-2')}/revoke`, { key: 'x' });
    const stats = (await call(simulator, 'GET', '/_simulator/stats')).json;
    expect(stats.calls).toBe(4);
    expect(stats.byIdempotencyKey.x).toEqual({ calls: 4, effects: 1 });
    expect(
      Object.values(stats.byIdempotencyKey).every((key) => (key as { effects: number }).effects <= 1),
    ).toBe(true);
    const totals = (await call(simulator, 'GET', '/_simulator/stats?keys=false')).json;
    expect(totals).toMatchObject({ calls: 4, revokedAccounts: 1 });
    expect(totals.byIdempotencyKey).toBeUndefined();
  });
});
