import type { LegacyCiam } from './legacy-ciam-server';
import { aSimulator, call, sessionsPath } from './legacy-ciam.fixture';

describe('the legacy API of the simulator', () => {
  let simulator: LegacyCiam;
  beforeEach(async () => {
    simulator = await aSimulator(['a-1', 'a-2', 'team/x@y']);
  });
  afterEach(() => simulator.close());

  it('lists an account’s seeded sessions, 1 to 3 of them, all active before the migration', async () => {
    const answer = await call(simulator, 'GET', sessionsPath('a-1'));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ accountId: 'a-1', loginRetired: false });
    expect(answer.json.sessions.length).toBeGreaterThanOrEqual(1);
    expect(answer.json.sessions.length).toBeLessThanOrEqual(3);
    for (const session of answer.json.sessions) {
      expect(session.status).toBe('active');
      expect(Date.parse(session.createdAt)).toBeLessThan(Date.now());
    }
  });

  it('reads an account id that was URL-encoded, slash included', async () => {
    const answer = await call(simulator, 'GET', sessionsPath('team/x@y'));
    expect(answer.status).toBe(200);
    expect(answer.json.accountId).toBe('team/x@y');
  });

  it('refuses every call without the configured credentials, with one answer', async () => {
    for (const authorization of [null, 'Bearer wrong', 'Basic cmVrZXk6c2VjcmV0', 'rekey-legacy-dev-token']) {
      const answer = await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, {
        key: 'k',
        authorization,
      });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: 'unauthorized' });
    }
    expect(simulator.state.stats().effects.revoke).toBe(0);
  });

  it('accepts basic credentials when configured with them, and then not the bearer token', async () => {
    const basic = await aSimulator(['a-1'], { auth: { basic: { user: 'rekey', password: 'secret' } } });
    try {
      const authorization = `Basic ${Buffer.from('rekey:secret').toString('base64')}`;
      expect((await call(basic, 'GET', sessionsPath('a-1'), { authorization })).status).toBe(200);
      expect((await call(basic, 'GET', sessionsPath('a-1'))).status).toBe(401);
    } finally {
      await basic.close();
    }
  });

  it('refuses a mutating call without an Idempotency-Key', async () => {
    const answer = await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`);
    expect(answer.status).toBe(400);
    expect((await call(simulator, 'GET', sessionsPath('a-1'))).json.sessions[0].status).toBe('active');
  });

  it('answers 404 unknown account for an account it does not hold', async () => {
    const answer = await call(simulator, 'POST', `${sessionsPath('nobody')}/revoke`, { key: 'k-nobody' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: 'unknown account' });
  });

  it('replays the first answer for the same key, with one effect', async () => {
    const first = await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'rev-1' });
    simulator.state.store.openSession(simulator.state.store.get('a-1')!);
    const again = await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'rev-1' });

    expect(first.status).toBe(200);
    expect(first.json.revoked).toBeGreaterThan(0);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The session opened after the first call is still active: the replay revoked nothing.
    const sessions = (await call(simulator, 'GET', sessionsPath('a-1'))).json.sessions;
    expect(sessions.filter((session: { status: string }) => session.status === 'active')).toHaveLength(1);
    const stats = simulator.state.stats();
    expect(stats.byIdempotencyKey['rev-1']).toEqual({ calls: 2, effects: 1 });
    expect(stats.effects.revoke).toBe(1);
    expect(stats.revokedAccounts).toBe(1);
  });

  it('refuses a key reused for another call rather than replaying the wrong answer', async () => {
    await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'shared' });
    const retire = await call(simulator, 'POST', '/legacy/accounts/a-1/login/retire', { key: 'shared' });
    expect(retire.status).toBe(422);
    expect(simulator.state.store.get('a-1')!.loginRetired).toBe(false);
  });

  it('revokes active and suspended sessions, counting only the newly revoked', async () => {
    await call(simulator, 'POST', `${sessionsPath('a-1')}/suspend`, { key: 's-1' });
    const revoked = await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'r-1' });
    const again = await call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key: 'r-2' });
    const count = simulator.state.store.get('a-1')!.sessions.length;
    expect(revoked.json.revoked).toBe(count);
    expect(Date.parse(revoked.json.revokedAt)).not.toBeNaN();
    expect(again.json.revoked).toBe(0);
  });

  it('resumes suspended sessions but never one that was revoked since', async () => {
    const account = simulator.state.store.get('a-2')!;
    await call(simulator, 'POST', `${sessionsPath('a-2')}/suspend`, { key: 'hold' });
    await call(simulator, 'POST', `${sessionsPath('a-2')}/revoke`, { key: 'enrolled' });
    const drift = simulator.state.store.openSession(account);
    await call(simulator, 'POST', `${sessionsPath('a-2')}/suspend`, { key: 'hold-2' });
    const resumed = await call(simulator, 'POST', `${sessionsPath('a-2')}/resume`, { key: 'release' });

    expect(resumed.json).toEqual({ resumed: 1 });
    const sessions = (await call(simulator, 'GET', sessionsPath('a-2'))).json.sessions;
    expect(
      sessions
        .filter((session: { id: string }) => session.id !== drift.id)
        .map((session: { status: string }) => session.status),
    ).toEqual(account.sessions.slice(0, -1).map(() => 'revoked'));
    expect(sessions.find((session: { id: string }) => session.id === drift.id).status).toBe('active');
  });

  it('retires the login once, keeping the first instant', async () => {
    const first = await call(simulator, 'POST', '/legacy/accounts/a-1/login/retire', { key: 'ret-1' });
    const second = await call(simulator, 'POST', '/legacy/accounts/a-1/login/retire', { key: 'ret-2' });
    expect(first.json).toEqual({ retired: true, retiredAt: expect.any(String) });
    expect(second.json.retiredAt).toBe(first.json.retiredAt);
    expect((await call(simulator, 'GET', sessionsPath('a-1'))).json.loginRetired).toBe(true);
    expect(simulator.state.stats()).toMatchObject({ retiredAccounts: 1, effects: { retire: 2 } });
  });
});
