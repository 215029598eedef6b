import { MAX_CHECKS_PER_CALL, RevocationChecksBody } from './revocation-checks.body';
import { migrationAnswer, sessionAnswer } from './revocation-check-queries';

const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe('a batch of revocation checks', () => {
  it('takes up to 1,000 ids in all, either list left out', () => {
    const body = RevocationChecksBody.parse({ legacyAccountIds: ids(400, 'a'), sessionIds: ids(600, 's') });
    expect(body.legacyAccountIds).toHaveLength(400);
    expect(RevocationChecksBody.parse({ sessionIds: ['s-1'] })).toEqual({
      legacyAccountIds: [],
      sessionIds: ['s-1'],
    });
  });

  it('refuses one id more than the limit, naming the list that went over', () => {
    const result = RevocationChecksBody.safeParse({
      legacyAccountIds: ids(MAX_CHECKS_PER_CALL, 'a'),
      sessionIds: ['s-1'],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['sessionIds']]);
  });

  it('refuses unknown fields and empty ids', () => {
    expect(RevocationChecksBody.safeParse({ accounts: [] }).success).toBe(false);
    expect(RevocationChecksBody.safeParse({ sessionIds: [''] }).success).toBe(false);
  });
});

describe('the answers', () => {
  it('say an account without a done revocation is not migrated', () => {
    expect(migrationAnswer('L-1', undefined)).toEqual({ legacyAccountId: 'L-1', migrated: false });
  });

  it('say when a migrated account moved and its legacy sessions were revoked', () => {
    const doneAt = new Date('2026-01-01T10:00:00Z');
    const revokedAt = new Date('2026-01-01T09:59:00Z');
    expect(
      migrationAnswer('L-1', {
        legacy_account_id: 'L-1',
        target_account_id: 'T-1',
        done_at: doneAt,
        sessions_revoked_at: revokedAt,
      }),
    ).toEqual({
      legacyAccountId: 'L-1',
      migrated: true,
      targetAccountId: 'T-1',
      migratedAt: doneAt.toISOString(),
      legacySessionsRevokedAt: revokedAt.toISOString(),
    });
  });

  it('tell an unknown session from a known revoked one', () => {
    expect(sessionAnswer('ls-1', undefined)).toEqual({ sessionId: 'ls-1', known: false, revoked: false });
    const revokedAt = new Date('2026-01-01T10:00:00Z');
    expect(
      sessionAnswer('ls-1', { session_id: 'ls-1', legacy_account_id: 'L-1', revoked_at: revokedAt }),
    ).toEqual({
      sessionId: 'ls-1',
      known: true,
      revoked: true,
      legacyAccountId: 'L-1',
      revokedAt: revokedAt.toISOString(),
    });
  });
});
