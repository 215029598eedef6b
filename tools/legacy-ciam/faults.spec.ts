import { FaultSwitch, parseFaults } from './faults';
import type { LegacyCiam } from './legacy-ciam-server';
import { aSimulator, call, sessionsPath } from './legacy-ciam.fixture';

describe('fault switches', () => {
  let simulator: LegacyCiam;
  beforeEach(async () => {
    simulator = await aSimulator(['a-1', 'a-2']);
  });
  afterEach(() => simulator.close());

  const setFaults = (faults: object) =>
    call(simulator, 'PUT', '/_simulator/faults', { body: faults, authorization: null });
  const revoke = (key: string, timeoutMs?: number) =>
    call(simulator, 'POST', `${sessionsPath('a-1')}/revoke`, { key, ...(timeoutMs ? { timeoutMs } : {}) });

  it('down: resets the connection of every legacy call, with no effect', async () => {
    expect((await setFaults({ mode: 'down' })).json).toMatchObject({ mode: 'down' });
    await expect(revoke('k')).rejects.toThrow(/socket hang up|ECONNRESET/);
    await setFaults({ mode: 'none' });
    expect((await revoke('k')).headers['idempotent-replayed']).toBeUndefined();
    expect(simulator.state.stats().byIdempotencyKey['k']).toEqual({ calls: 2, effects: 1 });
  });

  it('slow: applies the effect at once and answers late, so a retry after a timeout is a replay', async () => {
    await setFaults({ mode: 'slow', delayMs: 400 });
    await expect(revoke('k', 100)).rejects.toThrow(/timed out/);
    await setFaults({ mode: 'none' });
    const retry = await revoke('k');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(simulator.state.store.get('a-1')!.calls.map(({ fault, replayed }) => [fault, replayed])).toEqual([
      ['slow', undefined],
      [undefined, true],
    ]);
    expect(simulator.state.stats()).toMatchObject({
      byIdempotencyKey: { k: { calls: 2, effects: 1 } },
      effects: { revoke: 1 },
    });
  });

  it('fail: answers 503 for exactly the configured share of calls, counted in order', async () => {
    await setFaults({ mode: 'fail', failRatio: 0.2 });
    const statuses = [];
    for (let index = 0; index < 10; index++) statuses.push((await revoke(`k-${index}`)).status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    expect(statuses.filter((status) => status === 200)).toHaveLength(8);
    expect(simulator.state.stats().faulted.fail).toBe(2);
  });

  it('fail: a failed call has no effect, and its retry with the same key has the one effect', async () => {
    await setFaults({ mode: 'fail' });
    expect((await revoke('k')).status).toBe(503);
    await setFaults({ mode: 'none' });
    const retry = await revoke('k');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(simulator.state.stats().byIdempotencyKey['k']).toEqual({ calls: 2, effects: 1 });
  });

  it('rate-limit: answers 429 with Retry-After and does nothing', async () => {
    await setFaults({ mode: 'rate-limit', retryAfterSeconds: 7 });
    const answer = await revoke('k');
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('7');
    expect(simulator.state.stats().revokedAccounts).toBe(0);
  });

  it('garbage: answers 200 with a body that is not JSON, and does nothing', async () => {
    await setFaults({ mode: 'garbage' });
    const answer = await revoke('k');
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(simulator.state.stats().effects.revoke).toBe(0);
  });

  it('never applies to the simulator’s own endpoints or the login', async () => {
    await setFaults({ mode: 'down' });
    expect((await call(simulator, 'GET', '/_simulator/stats')).status).toBe(200);
    expect((await call(simulator, 'GET', '/_simulator/faults')).json.mode).toBe('down');
    const login = await call(simulator, 'POST', '/login', { body: { accountId: 'a-1', password: 'wrong' } });
    expect(login.status).toBe(401);
  });

  it('refuses an unknown mode or an out-of-range setting, keeping the current faults', async () => {
    expect((await setFaults({ mode: 'flaky' })).status).toBe(400);
    expect((await setFaults({ mode: 'fail', failRatio: 2 })).status).toBe(400);
    expect((await call(simulator, 'GET', '/_simulator/faults')).json.mode).toBe('none');
  });
});

describe('FaultSwitch', () => {
  it('spreads a ratio evenly over the calls since the mode was set', () => {
    const faults = new FaultSwitch();
    const parsed = parseFaults({ mode: 'fail', failRatio: 0.25 });
    if (!('faults' in parsed)) throw new Error(parsed.problem);
    faults.set(parsed.faults);
    const kinds = Array.from({ length: 8 }, () => faults.decide().kind);
    expect(kinds).toEqual(['none', 'none', 'none', 'fail', 'none', 'none', 'none', 'fail']);
  });
});
