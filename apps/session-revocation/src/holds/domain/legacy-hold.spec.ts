import { holdIdempotencyKey, nextHoldStep, shouldResume, type LegacyHold } from './legacy-hold';

const aHold = (overrides: Partial<LegacyHold> = {}): LegacyHold => ({
  holdId: '01936f50-1d30-7f63-85a7-4e9b1d2f8035',
  legacyAccountId: 'L-1',
  source: 'fraud',
  suspension: 'pending',
  attempts: 0,
  ...overrides,
});

describe('a hold at the legacy side', () => {
  it('suspends the sessions, or revokes them where the legacy system cannot suspend', () => {
    expect(nextHoldStep(aHold(), true)).toBe('suspend');
    expect(nextHoldStep(aHold(), false)).toBe('revoke_instead');
  });

  it('suspends nothing when released before the suspension went out', () => {
    expect(nextHoldStep(aHold({ releasedAt: new Date(), resumption: 'pending' }), true)).toBe(
      'skip_suspension',
    );
  });

  it('resumes once released after suspending, and then has nothing left to do', () => {
    expect(
      nextHoldStep(aHold({ suspension: 'suspended', resumption: 'pending', releasedAt: new Date() }), true),
    ).toBe('resume');
    expect(nextHoldStep(aHold({ suspension: 'suspended' }), true)).toBeUndefined();
    expect(nextHoldStep(aHold({ suspension: 'suspended', resumption: 'resumed' }), true)).toBeUndefined();
  });

  it('never resumes while another hold is in place or after enrolment revoked the sessions', () => {
    expect(shouldResume(false, false)).toBe(true);
    expect(shouldResume(true, false)).toBe(false);
    expect(shouldResume(false, true)).toBe(false);
  });

  it('keys each step of each hold on its own', () => {
    const hold = aHold();
    expect(
      new Set([
        holdIdempotencyKey(hold, 'suspend'),
        holdIdempotencyKey(hold, 'resume'),
        holdIdempotencyKey(hold, 'revoke_instead'),
      ]).size,
    ).toBe(3);
  });
});
