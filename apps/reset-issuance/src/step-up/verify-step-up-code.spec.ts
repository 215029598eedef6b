import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { Logger } from 'pino';
import type { IssueEnrollmentGrant } from '../grants/issue-enrollment-grant';
import type { Journey } from '../journeys/domain/journey';
import type { JourneyStatus } from '../journeys/domain/journey-status';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { oneTimeCodeDigest } from './domain/one-time-code';
import type { StepUpChallenge } from './domain/step-up-challenge';
import type { AttemptDecision, StepUpStore } from './step-up-store.port';
import { VerifyStepUpCode } from './verify-step-up-code';

const JOURNEY_ID = '3f1c8a52-7d4e-4b9a-8c21-6e5f4d3c2b1a';
const WAVE_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const CHALLENGE_ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const codeKey = Buffer.alloc(32, 3);
const now = new Date('2026-12-18T17:30:00Z');
const clock = { now: () => now, newId: () => '0b6f2f8e-2c57-4f5e-9d0e-5f0c1d2e3a4b' };
const session = 'session-of-the-customer';

/**
 * One challenge and its journey, as the adapter keeps them: `attempt` counts, decides, and on a
 * pass runs the decision's journey change, storing nothing when that change throws.
 */
class OneChallengeStore implements StepUpStore {
  readonly stored: AttemptDecision[] = [];
  journey: Journey;
  readonly challenge: StepUpChallenge;

  constructor(status: JourneyStatus) {
    const created = new Date('2026-12-18T17:00:00Z');
    this.journey = {
      id: JOURNEY_ID,
      waveId: WAVE_ID,
      legacyAccountId: 'legacy-1',
      status,
      createdAt: created,
      updatedAt: created,
    };
    this.challenge = {
      id: CHALLENGE_ID,
      journeyId: JOURNEY_ID,
      legacyAccountId: 'legacy-1',
      waveId: WAVE_ID,
      targetAccountId: 'target-1',
      method: 'one_time_passcode',
      reasons: ['privileged'],
      channel: { kind: 'sms', masked: '+33 6•• •• •• 78' },
      codeDigest: oneTimeCodeDigest(codeKey, CHALLENGE_ID, '123456'),
      attempts: 0,
      maxAttempts: 5,
      status: 'pending',
      expiresAt: new Date('2026-12-18T17:40:00Z'),
      expired: false,
      superseded: false,
    };
  }

  findBySession(): Promise<StepUpChallenge | undefined> {
    return Promise.resolve(this.challenge);
  }

  async attempt(
    _sessionHash: Buffer,
    decide: (challenge: StepUpChallenge) => Promise<AttemptDecision>,
  ): Promise<AttemptDecision | undefined> {
    const decision = await decide({ ...this.challenge, attempts: this.challenge.attempts + 1 });
    const journey = decision.passed ? decision.journey(this.journey) : this.journey;
    this.journey = journey;
    this.stored.push(decision);
    return decision;
  }
}

function verifier(store: StepUpStore): VerifyStepUpCode {
  const allowed = () => Promise.resolve({ allowed: true as const });
  const limiter = { checkAddress: allowed, checkAccount: allowed, checkGlobal: allowed };
  const grants = {
    execute: () =>
      Promise.resolve({ grant: {} as EnrollmentGrant, location: 'https://enroll.test/enroll#g' }),
  };
  const logger = { info: () => undefined };
  return new VerifyStepUpCode(
    store,
    codeKey,
    limiter as unknown as RateLimiter,
    grants as unknown as IssueEnrollmentGrant,
    clock,
    logger as unknown as Logger,
  );
}

describe('VerifyStepUpCode', () => {
  it('given a journey in step-up, when the right code comes, then the journey is stepped up', async () => {
    const store = new OneChallengeStore('step_up_required');

    const outcome = await verifier(store).execute({ session, code: '123 456', ipAddress: '192.0.2.1' });

    expect(outcome).toEqual({ kind: 'passed', location: 'https://enroll.test/enroll#g' });
    expect(store.journey).toMatchObject({ status: 'stepped_up', updatedAt: now });
    expect(store.stored).toHaveLength(1);
  });

  it('given the journey left step-up meanwhile (a new link), when the right code comes, then it is unavailable and nothing is stored', async () => {
    const store = new OneChallengeStore('issued');

    const outcome = await verifier(store).execute({ session, code: '123456', ipAddress: '192.0.2.1' });

    expect(outcome).toEqual({ kind: 'unavailable' });
    expect(store.journey.status).toBe('issued');
    expect(store.stored).toEqual([]);
  });

  it('given a journey in step-up, when a wrong code comes, then the journey stays in step-up', async () => {
    const store = new OneChallengeStore('step_up_required');

    const outcome = await verifier(store).execute({ session, code: '654321', ipAddress: '192.0.2.1' });

    expect(outcome).toEqual({ kind: 'rejected', maskedChannel: '+33 6•• •• •• 78' });
    expect(store.journey.status).toBe('step_up_required');
  });
});
