import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually } from '@rekey/testing';
import {
  anAccount,
  completed,
  linked,
  outboxEvents,
  revocationOf,
  revocationReaches,
  startSessionRevocation,
  type AnAccount,
  type SessionRevocationUnderTest,
} from './session-revocation.fixture';

describe('revocations survive a failing legacy system and a restart, exactly once', () => {
  let service: SessionRevocationUnderTest;

  beforeAll(async () => {
    service = await startSessionRevocation('revocation_faults', { REVOCATION_STALLED_AFTER: '2s' });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
  });

  afterEach(() => {
    service.legacy.fault = { mode: 'none' };
  });

  const enrolled = async (count: number): Promise<AnAccount[]> => {
    const accounts = Array.from({ length: count }, anAccount);
    for (const account of accounts) service.legacy.accounts.add(account.legacyAccountId, 2);
    await service.publish(...accounts.map((account) => linked(account)));
    await service.publish(...accounts.map(completed));
    return accounts;
  };

  const allDoneOnce = async (accounts: AnAccount[]) => {
    for (const account of accounts) await revocationReaches(service.db, account.journeyId, 'done', 60_000);
    for (const account of accounts) {
      expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['revoked', 'revoked']);
      expect(service.legacy.accounts.isLoginRetired(account.legacyAccountId)).toBe(true);
    }
    expect(service.legacy.maxEffectsPerKey()).toBe(1);
  };

  it('revokes every account exactly once after the legacy system was down for a while', async () => {
    service.legacy.fault = { mode: 'down' };
    const accounts = await enrolled(12);
    await eventually(async () => {
      const row = await revocationOf(service.db, accounts[0]!.journeyId);
      return Number(row?.['attempts'] ?? 0) >= 1 ? row : undefined;
    });
    const callsWhileDown = service.legacy.calls;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The circuit opened: a dead system is not called for every due row on every tick.
    expect(service.legacy.calls - callsWhileDown).toBeLessThan(12);
    service.legacy.fault = { mode: 'none' };
    await allDoneOnce(accounts);
  }, 90_000);

  it('never revokes twice when a call timed out after the legacy system had applied it', async () => {
    // The revoke step lists the sessions first: only the revoke call itself is late.
    service.legacy.fault = { mode: 'slow', delayMs: 800, mutatingOnly: true };
    const [account] = await enrolled(1);
    await eventually(async () => {
      const row = await revocationOf(service.db, account!.journeyId);
      return row?.['last_error_code'] === 'legacy.timeout' ? row : undefined;
    });
    service.legacy.fault = { mode: 'none' };
    await allDoneOnce([account!]);
    const key = `rekey-revocation:${account!.journeyId}:revoke-sessions`;
    expect(service.legacy.accounts.byKey().get(key)).toEqual({ calls: expect.any(Number), effects: 1 });
    expect(service.legacy.accounts.byKey().get(key)!.calls).toBeGreaterThan(1);
  }, 60_000);

  it("waits at least the legacy system's Retry-After before calling again", async () => {
    service.legacy.fault = { mode: 'rate-limit', retryAfterSeconds: 2 };
    const [account] = await enrolled(1);
    const limited = await eventually(async () => {
      const row = await revocationOf(service.db, account!.journeyId);
      return row?.['last_error_code'] === 'legacy.rate-limited' ? row : undefined;
    });
    const failedAt = Date.now();
    expect((limited['next_attempt_at'] as Date).getTime() - failedAt).toBeGreaterThan(1_500);
    service.legacy.fault = { mode: 'none' };
    await revocationReaches(service.db, account!.journeyId, 'done');
    expect(Date.now() - failedAt).toBeGreaterThan(1_500);
  }, 60_000);

  it('treats a garbage answer as transient and gets there once the legacy system answers properly', async () => {
    service.legacy.fault = { mode: 'garbage' };
    const [account] = await enrolled(1);
    await eventually(async () => {
      const row = await revocationOf(service.db, account!.journeyId);
      return row?.['last_error_code'] === 'legacy.garbage' ? row : undefined;
    });
    expect((await revocationOf(service.db, account!.journeyId))?.['state']).toBe('pending');
    service.legacy.fault = { mode: 'none' };
    await allDoneOnce([account!]);
  }, 60_000);

  it('loses nothing when the worker restarts midway', async () => {
    service.legacy.fault = { mode: 'slow', delayMs: 300 };
    const accounts = await enrolled(8);
    await eventually(async () => (service.legacy.accounts.effects.revoke > 0 ? true : undefined));
    await service.stopService();
    const { rows } = await service.db.query<{ done: number }>(
      `SELECT count(*)::int AS done FROM legacy_revocation WHERE journey_id = ANY($1::uuid[]) AND state = 'done'`,
      [accounts.map((account) => account.journeyId)],
    );
    // Stopped midway: the revocation in hand finished, the rest were left to the next worker.
    expect(rows[0]!.done).toBeLessThan(accounts.length);
    service.legacy.fault = { mode: 'none' };
    await service.startAgain();
    await allDoneOnce(accounts);
  }, 90_000);

  it('raises the stalled alert once and shows the revocation as stalled', async () => {
    service.legacy.fault = { mode: 'fail' };
    const [account] = await enrolled(1);
    const stalled = await eventually(async () => {
      const events = await outboxEvents(service.db, account!.legacyAccountId);
      return events.some((event) => event.type === 'rekey.session.revocation-stalled.v1')
        ? events
        : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const alerts = (await outboxEvents(service.db, account!.legacyAccountId)).filter(
      (event) => event.type === 'rekey.session.revocation-stalled.v1',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.data).toMatchObject({
      legacyAccountId: account!.legacyAccountId,
      journeyId: account!.journeyId,
      lastErrorCode: 'legacy.unavailable',
    });
    expect(JSON.stringify(stalled)).not.toContain(service.legacy.token);
    const token = await mintOperatorToken({ subject: 'ops', scopes: ['revocations:read'], ttlSeconds: 600 });
    const listed = (await (
      await fetch(`${service.url}/operator/revocations?state=stalled&limit=200`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: Array<{ journeyId: string; stalled: boolean; lastErrorCode: string }> };
    expect(listed.items).toContainEqual(
      expect.objectContaining({
        journeyId: account!.journeyId,
        stalled: true,
        lastErrorCode: 'legacy.unavailable',
      }),
    );
    service.legacy.fault = { mode: 'none' };
    await allDoneOnce([account!]);
  }, 60_000);
});
