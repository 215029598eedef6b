import { startLegacyCiam, type LegacyCiam } from '../legacy-ciam/legacy-ciam-server';
import { DEFAULT_BEARER_TOKEN } from '../legacy-ciam/legacy-auth';
import { LegacyCiamClient } from './legacy-ciam-client';
import { failFirstRevocations } from './legacy-fault-schedule';
import { checkLegacyLogins, legacyLoginText } from './legacy-login-check';
import { waitForRevocations } from './revocation-wait';

const ids = ['m-1', 'm-2', 'n-1', 'n-2'];

/** What session-revocation does for one enrolled account, retrying until the legacy system answers. */
async function closeLegacyPath(simulator: LegacyCiam, id: string): Promise<void> {
  for (const action of ['sessions/revoke', 'login/retire']) {
    for (;;) {
      const response = await fetch(`${simulator.apiUrl}/accounts/${id}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEFAULT_BEARER_TOKEN}`, 'idempotency-key': `${id}:${action}` },
        body: '{}',
      });
      if (response.ok) break;
    }
  }
}

describe('the end of the demo migration, against the simulator', () => {
  let simulator: LegacyCiam;
  let legacy: LegacyCiamClient;
  beforeEach(async () => {
    simulator = await startLegacyCiam({ port: 0 });
    simulator.state.store.addAccounts(ids);
    legacy = new LegacyCiamClient(simulator.origin);
  });
  afterEach(() => simulator.close());

  it('fails a share of the first legacy calls, then none, and says how many failed', async () => {
    const faults = await failFirstRevocations(legacy, { failRatio: 0.5, untilCalls: 4 });
    await closeLegacyPath(simulator, 'm-1');
    await closeLegacyPath(simulator, 'm-2');
    const text = await faults.stop();
    expect((await legacy.stats()).faulted.fail).toBeGreaterThan(0);
    expect(text).toMatch(/answered 503 to \d+ of the first \d+ legacy calls/);
    expect(simulator.state.faults.faults.mode).toBe('none');
    const keys = Object.values((await legacy.stats()).byIdempotencyKey);
    expect(keys.every((key) => key.effects === 1)).toBe(true);
  });

  it('waits until every enrolled account is revoked', async () => {
    setTimeout(
      () => void closeLegacyPath(simulator, 'm-1').then(() => closeLegacyPath(simulator, 'm-2')),
      300,
    );
    const wait = await waitForRevocations(legacy, 2, { maxMs: 10_000, idleMs: 5_000 });
    expect(wait).toEqual({ revokedAccounts: 2, retiredAccounts: 2, complete: true });
  });

  it('gives up when revocations stop moving, saying it is not complete', async () => {
    const wait = await waitForRevocations(legacy, 2, { maxMs: 10_000, idleMs: 600 });
    expect(wait.complete).toBe(false);
  });

  it('shows the old password refused for a migrated account and accepted for one not migrated', async () => {
    await closeLegacyPath(simulator, 'm-1');
    const check = await checkLegacyLogins(legacy, ['m-1'], ids);
    expect(check.migrated).toEqual({ accountId: 'm-1', outcome: 'refused' });
    expect(check.notMigrated).toEqual({ accountId: 'n-2', outcome: 'accepted' });
    expect(legacyLoginText(check)).not.toContain('expected');
    expect((await legacy.stats()).logins).toEqual({ accepted: 1, refused: 1, refusedRetired: 1 });
  });
});
