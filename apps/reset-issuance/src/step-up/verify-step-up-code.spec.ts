import { generateKeyPairSync } from 'node:crypto';
import type { EnrollmentGrantSubject } from '@rekey/enrollment-grant';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { IssueEnrollmentGrant, type IssuedGrant } from '../grants/issue-enrollment-grant';
import type { JourneyStatus } from '../journeys/domain/journey-status';
import { RateLimiter } from '../rate-limits/rate-limiter';
import type { EnrolmentContext } from '../waves/domain/enrolment-policy';
import { FakeRateLimitCounter, FakeStepUpStore } from '../testing';
import { oneTimeCodeDigest } from './domain/one-time-code';
import { stepUpSessionHash } from './domain/step-up-session';
import { VerifyStepUpCode } from './verify-step-up-code';

const JOURNEY_ID = '3f1c8a52-7d4e-4b9a-8c21-6e5f4d3c2b1a';
const WAVE_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const CHALLENGE_ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const codeKey = Buffer.alloc(32, 3);
const now = new Date('2026-12-18T17:30:00Z');
const clock = { now: () => now, newId: () => '0b6f2f8e-2c57-4f5e-9d0e-5f0c1d2e3a4b' };
const session = 'session-of-the-customer';
const client = { session, ipAddress: '192.0.2.1' };
const config = {
  RATE_LIMIT_WINDOW_SECONDS: 60,
  RATE_LIMIT_GLOBAL_SHARDS: 1,
  STEP_UP_LIMIT_PER_IP: 100,
  STEP_UP_LIMIT_PER_SUBNET: 100,
  STEP_UP_LIMIT_PER_ACCOUNT: 100,
  STEP_UP_LIMIT_GLOBAL: 100,
  ENROLLMENT_URL: 'https://enroll.test',
  ENROLLMENT_GRANT_LIFETIME_SECONDS: 300,
} as CustomerJourneyConfig;

/** A journey in `status` with one code challenge (code 123456, `maxAttempts` tries) on its session. */
function storeWith(status: JourneyStatus, maxAttempts = 5, redemptionTraceparent?: string): FakeStepUpStore {
  const store = new FakeStepUpStore(clock.now);
  const created = new Date('2026-12-18T17:00:00Z');
  store.addJourney(
    {
      id: JOURNEY_ID,
      waveId: WAVE_ID,
      legacyAccountId: 'legacy-1',
      status,
      createdAt: created,
      updatedAt: created,
    },
    'target-1',
    {
      wave: { cutoffAt: new Date('2026-12-25T00:00:00Z') },
      account: { segment: 'privileged', segments: ['privileged'] },
    },
  );
  store.open({
    id: CHALLENGE_ID,
    journeyId: JOURNEY_ID,
    legacyAccountId: 'legacy-1',
    sessionHash: stepUpSessionHash(session),
    method: 'one_time_passcode',
    reasons: ['privileged'],
    channel: { kind: 'sms', masked: '+33 6•• •• •• 78' },
    codeDigest: oneTimeCodeDigest(codeKey, CHALLENGE_ID, '123456'),
    maxAttempts,
    status: 'pending',
    createdAt: created,
    expiresAt: new Date('2026-12-18T17:40:00Z'),
    ...(redemptionTraceparent ? { redemptionTraceparent } : {}),
  });
  return store;
}

function grantsSigned(): IssueEnrollmentGrant {
  const { privateKey } = generateKeyPairSync('ed25519');
  return new IssueEnrollmentGrant({ privateKey, kid: 'test-key', publicJwk: {} }, config, clock);
}

/** Signs grants, but a new link reaches the journey while one is signed: it leaves step-up. */
class GrantsRacedByANewLink extends IssueEnrollmentGrant {
  constructor(private readonly store: FakeStepUpStore) {
    const { privateKey } = generateKeyPairSync('ed25519');
    super({ privateKey, kid: 'test-key', publicJwk: {} }, config, clock);
  }

  override execute(
    subject: Omit<EnrollmentGrantSubject, 'policy'>,
    enrolment: EnrolmentContext,
  ): Promise<IssuedGrant> {
    this.store.moveJourney(subject.journeyId, 'issued');
    return super.execute(subject, enrolment);
  }
}

function verifier(store: FakeStepUpStore, grants = grantsSigned()): VerifyStepUpCode {
  const limiter = new RateLimiter(new FakeRateLimitCounter(), config, clock);
  const logger = { info: () => undefined } as unknown as Logger;
  return new VerifyStepUpCode(store, codeKey, limiter, grants, clock, logger);
}

const attemptsOf = async (store: FakeStepUpStore) =>
  (await store.findBySession(stepUpSessionHash(session)))?.attempts;

describe('VerifyStepUpCode', () => {
  it('given a journey in step-up, when the right code comes, then the journey is stepped up with a grant', async () => {
    const store = storeWith('step_up_required');

    const outcome = await verifier(store).execute({ ...client, code: '123 456' });

    expect(outcome).toEqual({
      kind: 'passed',
      location: expect.stringMatching(/^https:\/\/enroll\.test\/enroll#grant=/),
    });
    expect(store.journey(JOURNEY_ID)).toMatchObject({ status: 'stepped_up', updatedAt: now });
    expect(store.grants).toEqual([
      expect.objectContaining({ journeyId: JOURNEY_ID, targetAccountId: 'target-1' }),
    ]);
    expect(store.events.map((event) => event.type)).toEqual(['rekey.reset.step-up-passed.v1']);
  });

  it('given the redemption ran in a trace, when the right code comes, then the grant continues that trace', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const store = storeWith('step_up_required', 5, traceparent);

    const outcome = await verifier(store).execute({ ...client, code: '123456' });

    expect(outcome.kind).toBe('passed');
    expect(store.grants).toEqual([expect.objectContaining({ journeyId: JOURNEY_ID, traceparent })]);
    const jwt = outcome.kind === 'passed' ? outcome.location.split('#grant=')[1]! : '';
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())).toMatchObject({
      traceparent,
    });
  });

  it('given the journey left step-up meanwhile (a new link), when the right code comes, then it is unavailable and nothing is stored', async () => {
    const store = storeWith('step_up_required');

    const outcome = await verifier(store, new GrantsRacedByANewLink(store)).execute({
      ...client,
      code: '123456',
    });

    expect(outcome).toEqual({ kind: 'unavailable' });
    expect(store.journey(JOURNEY_ID)?.status).toBe('issued');
    expect(store.grants).toEqual([]);
    expect(store.events).toEqual([]);
    expect(await attemptsOf(store)).toBe(0);
  });

  it('given a new link was sent before the code came, then it is unavailable and no attempt is counted', async () => {
    const store = storeWith('issued');

    const outcome = await verifier(store).execute({ ...client, code: '123456' });

    expect(outcome).toEqual({ kind: 'unavailable' });
    expect(await attemptsOf(store)).toBe(0);
  });

  it('given a journey in step-up, when a wrong code comes, then the journey stays in step-up and the form names the channel', async () => {
    const store = storeWith('step_up_required');

    const outcome = await verifier(store).execute({ ...client, code: '654321' });

    expect(outcome).toEqual({ kind: 'rejected', maskedChannel: '+33 6•• •• •• 78' });
    expect(store.journey(JOURNEY_ID)?.status).toBe('step_up_required');
    expect(await attemptsOf(store)).toBe(1);
  });

  it('given the last try, when it is wrong, then the challenge locks and even the right code is refused after', async () => {
    const store = storeWith('step_up_required', 2);
    const verify = verifier(store);
    await verify.execute({ ...client, code: '000000' });

    const last = await verify.execute({ ...client, code: 'not a code' });
    const after = await verify.execute({ ...client, code: '123456' });

    expect(last).toEqual({ kind: 'unavailable' });
    expect(after).toEqual({ kind: 'unavailable' });
    expect((await store.findBySession(stepUpSessionHash(session)))?.status).toBe('locked');
    expect(store.journey(JOURNEY_ID)?.status).toBe('step_up_required');
  });
});
