import { SettableClock } from '@rekey/background/testing';
import pino from 'pino';
import { ReleaseSignInLock } from './release-sign-in-lock';
import type { SignInLockRelease, SignInLockStore } from './sign-in-lock-store.port';

class FakeLockStore implements SignInLockStore {
  readonly failures = new Map<string, number>();
  readonly releases: SignInLockRelease[] = [];

  async release(release: SignInLockRelease, threshold: number): Promise<boolean> {
    if ((this.failures.get(release.legacyAccountId) ?? 0) < threshold) return false;
    this.failures.delete(release.legacyAccountId);
    this.releases.push(release);
    return true;
  }
}

describe('ReleaseSignInLock', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });

  function setUp() {
    const store = new FakeLockStore();
    return { store, release: new ReleaseSignInLock(store, new SettableClock(now), logger) };
  }

  it('releases a locked account, records the operator and logs who, without secrets', async () => {
    const { store, release } = setUp();
    store.failures.set('legacy-1', 100);
    await release.execute('legacy-1', 'support-7');
    expect(store.releases).toEqual([
      { legacyAccountId: 'legacy-1', releasedBy: 'support-7', releasedAt: now },
    ]);
    const logged = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(logged).toMatchObject({
      action: 'sign_in_lock_released',
      legacyAccountId: 'legacy-1',
      operator: 'support-7',
    });
  });

  it('refuses with not-locked under the threshold, changing nothing', async () => {
    const { store, release } = setUp();
    store.failures.set('legacy-2', 99);
    await expect(release.execute('legacy-2', 'support-7')).rejects.toMatchObject({
      code: 'sign-in-lock.not-locked',
    });
    await expect(release.execute('unknown', 'support-7')).rejects.toMatchObject({
      code: 'sign-in-lock.not-locked',
    });
    expect(store.failures.get('legacy-2')).toBe(99);
    expect(store.releases).toEqual([]);
  });
});
