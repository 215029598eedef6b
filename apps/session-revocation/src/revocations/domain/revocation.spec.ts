import { transient, permanent } from '../../legacy-system/domain/legacy-outcome';
import {
  afterFailure,
  idempotencyKey,
  isStalled,
  loginRetired,
  nextStep,
  sessionsRevoked,
  shouldAlertStalled,
  type Revocation,
} from './revocation';
import { revocationDoneEvents } from './revocation-events';

const at = (time: string) => new Date(`2026-12-01T${time}:00.000Z`);
const backoff = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

function aPendingRevocation(overrides: Partial<Revocation> = {}): Revocation {
  return {
    journeyId: '01936f4e-8b10-7d41-a3e5-2c7f9b0d6e13',
    legacyAccountId: 'L-1',
    targetAccountId: 'T-1',
    waveId: '01936f4e-7a00-7c3e-9d2a-5b1c0e8f4a21',
    methods: ['passkey'],
    assuranceLevel: 'aal2',
    enrolledAt: at('10:00'),
    state: 'pending',
    pendingSince: at('10:00'),
    attempts: 0,
    ...overrides,
  };
}

describe('a revocation', () => {
  it('revokes the sessions first, then retires the login, then finishes', () => {
    const pending = aPendingRevocation();
    expect(nextStep(pending)).toBe('revoke_sessions');
    const revoked = sessionsRevoked(pending, 3, at('10:01'));
    expect(nextStep(revoked)).toBe('retire_login');
    const retired = loginRetired(revoked, at('10:02'), at('10:02'));
    expect(retired).toMatchObject({ state: 'done', revokedCount: 3, doneAt: at('10:02') });
    expect(nextStep(retired)).toBe('finish');
  });

  it('keeps the sessions listed before the revoke step for the inventory', () => {
    const listed = [{ id: 'ls-1', createdAt: at('09:00') }];
    const revoked = sessionsRevoked(aPendingRevocation(), 1, at('10:01'), listed);
    expect(revoked.revokedSessions).toEqual([{ sessionId: 'ls-1', createdAt: at('09:00') }]);
    expect(revoked.sessionsRevokedAt).toEqual(at('10:01'));
  });

  it('sends one stable idempotency key per journey and step', () => {
    const revocation = aPendingRevocation();
    expect(idempotencyKey(revocation, 'revoke_sessions')).toBe(
      idempotencyKey({ ...revocation }, 'revoke_sessions'),
    );
    expect(idempotencyKey(revocation, 'revoke_sessions')).not.toBe(
      idempotencyKey(revocation, 'retire_login'),
    );
    expect(idempotencyKey(revocation, 'retire_login').length).toBeLessThanOrEqual(200);
  });

  it('backs off exponentially with jitter after transient failures', () => {
    let revocation = aPendingRevocation();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      revocation = afterFailure(
        revocation,
        transient('legacy.unavailable', 'answered 503'),
        at('10:00'),
        backoff,
        () => 1,
      );
      delays.push(revocation.nextAttemptAt!.getTime() - at('10:00').getTime());
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(revocation).toMatchObject({ state: 'pending', attempts: 8, lastErrorCode: 'legacy.unavailable' });
    const jittered = afterFailure(
      aPendingRevocation(),
      transient('legacy.timeout', 't'),
      at('10:00'),
      backoff,
      () => 0.25,
    );
    expect(jittered.nextAttemptAt).toEqual(new Date(at('10:00').getTime() + 250));
  });

  it("never retries sooner than the legacy system's Retry-After", () => {
    const limited = afterFailure(
      aPendingRevocation(),
      transient('legacy.rate-limited', 'answered 429', 30_000),
      at('10:00'),
      backoff,
      () => 1,
    );
    expect(limited.nextAttemptAt).toEqual(new Date(at('10:00').getTime() + 30_000));
  });

  it('stops at a permanent refusal and counts as stalled at once', () => {
    const failed = afterFailure(
      aPendingRevocation(),
      permanent('legacy.unknown-account', '404'),
      at('10:00'),
      backoff,
    );
    expect(failed).toMatchObject({ state: 'failed', nextAttemptAt: undefined });
    expect(isStalled(failed, at('10:00'), 3_600_000)).toBe(true);
  });

  it('is stalled once wanted longer than the configured age, and alerts only once', () => {
    const pending = aPendingRevocation();
    expect(isStalled(pending, at('10:59'), 3_600_000)).toBe(false);
    expect(shouldAlertStalled(pending, at('11:00'), 3_600_000)).toBe(true);
    expect(shouldAlertStalled({ ...pending, stalledAlertedAt: at('11:00') }, at('12:00'), 3_600_000)).toBe(
      false,
    );
    expect(isStalled({ ...pending, state: 'awaiting_link' }, at('23:00'), 3_600_000)).toBe(false);
  });

  it('publishes the internal event and the two public ones when done, with no contact data', () => {
    const done = loginRetired(
      sessionsRevoked(aPendingRevocation(), 2, at('10:01')),
      at('10:02'),
      at('10:02'),
    );
    const events = revocationDoneEvents(
      done,
      { eventId: '01936f4e-8b10-7d41-a3e5-2c7f9b0d6e99', correlationId: 'c-1' },
      at('10:02'),
    );
    expect(events.map((event) => event.type)).toEqual([
      'rekey.session.legacy-sessions-revoked.v1',
      'rekey.migration.legacy-sessions-revoked.v1',
      'rekey.migration.account-migrated.v1',
    ]);
    expect(events[2]!.data).toEqual({
      legacyAccountId: 'L-1',
      targetAccountId: 'T-1',
      journeyId: done.journeyId,
      waveId: done.waveId,
      methods: ['passkey'],
      assuranceLevel: 'aal2',
      enrolledAt: at('10:00').toISOString(),
      legacySessionsRevokedAt: at('10:01').toISOString(),
      migratedAt: at('10:02').toISOString(),
    });
    expect(events.every((event) => event.correlationId === 'c-1' && event.journeyId === done.journeyId)).toBe(
      true,
    );
  });
});
