import { countsAfter, driftOf, hasDrift, NO_COUNTS, resyncKey } from './resync';

const session = (id: string, status: 'active' | 'suspended' | 'revoked') => ({
  id,
  createdAt: new Date('2026-01-01T10:00:00Z'),
  status,
});

describe('drift between a migrated account and the legacy side', () => {
  it('is every session still active or suspended, and a login not retired', () => {
    const drift = driftOf({
      legacyAccountId: 'L-1',
      loginRetired: false,
      sessions: [session('a', 'revoked'), session('b', 'active'), session('c', 'suspended')],
    });
    expect(drift.sessions.map((each) => each.id)).toEqual(['b', 'c']);
    expect(drift.loginNotRetired).toBe(true);
    expect(hasDrift(drift)).toBe(true);
  });

  it('is nothing when every session is revoked and the login retired', () => {
    const drift = driftOf({
      legacyAccountId: 'L-1',
      loginRetired: true,
      sessions: [session('a', 'revoked')],
    });
    expect(hasDrift(drift)).toBe(false);
  });
});

describe('a re-sync run', () => {
  it('sends one key per run, account and repair, within the legacy API limit', () => {
    const key = resyncKey('01936f52-4a60-7296-b8da-71ce4f52b368', 'L-1', 'revoke');
    expect(key).toBe('rekey-resync:01936f52-4a60-7296-b8da-71ce4f52b368:L-1:revoke');
    expect(key).not.toBe(resyncKey('01936f52-4a60-7296-b8da-71ce4f52b368', 'L-1', 'retire'));
    expect(
      resyncKey('01936f52-4a60-7296-b8da-71ce4f52b368', 'L'.repeat(100), 'retire').length,
    ).toBeLessThanOrEqual(200);
  });

  it('counts accounts checked, drifted, sessions revoked again, logins retired again and failures', () => {
    let counts = countsAfter(NO_COUNTS, { sessionsRevoked: 0, loginRetiredAgain: false });
    counts = countsAfter(counts, { sessionsRevoked: 2, loginRetiredAgain: true });
    counts = countsAfter(counts, 'failed');
    expect(counts).toEqual({
      accountsChecked: 3,
      accountsWithDrift: 1,
      sessionsRevoked: 2,
      loginsRetired: 1,
      failures: 1,
    });
  });
});
