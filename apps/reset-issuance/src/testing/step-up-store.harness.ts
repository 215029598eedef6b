import { randomUUID } from 'node:crypto';
import { createEvent, ResetStepUpPassedV1 } from '@rekey/contracts';
import type { Journey } from '../journeys/domain/journey';
import type { JourneyStatus } from '../journeys/domain/journey-status';
import { transition } from '../journeys/domain/journey-transitions';
import { oneTimeCodeDigest } from '../step-up/domain/one-time-code';
import type { NewStepUpChallenge, StepUpChallenge } from '../step-up/domain/step-up-challenge';
import { newStepUpSession, stepUpSessionHash } from '../step-up/domain/step-up-session';
import type { AttemptDecision, StepUpStore } from '../step-up/step-up-store.port';
import type { EnrolmentContext } from '../waves/domain/enrolment-policy';

// What the step-up store's contract cases share: the store under test and the seeds they use.

/** A journey with the target account its account is linked to, and what its grant is resolved from. */
export type JourneyInStepUp = Journey & { targetAccountId: string; enrolment: EnrolmentContext };

/** A step-up store to test, and what the port cannot do itself: seed, move journeys, read back. */
export interface StepUpStoreUnderTest {
  store: StepUpStore;
  /** A journey of a launched wave in `status`, on an account of its own (linked, with a target). */
  addJourney(status: JourneyStatus): Promise<JourneyInStepUp>;
  /** A challenge as redemption stores it when it spends the journey's link. */
  open(challenge: NewStepUpChallenge): Promise<void>;
  /** Another module changed the journey meanwhile (issuance sent a new link, say). */
  moveJourney(journeyId: string, status: JourneyStatus): Promise<void>;
  journeyStatus(journeyId: string): Promise<string | undefined>;
  /** The jti of each grant recorded for the journey. */
  grantIds(journeyId: string): Promise<string[]>;
  storedEventIds(): Promise<string[]>;
}

export const CODE_KEY = Buffer.alloc(32, 9);
export const RIGHT_CODE = '123456';
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/**
 * A code challenge of the journey as StartStepUp plans it: pending, five tries, expiring in ten
 * minutes unless told otherwise. Returns it with the hash of its session cookie.
 */
export function aChallenge(
  journey: Journey,
  overrides: Partial<NewStepUpChallenge> = {},
): NewStepUpChallenge & { sessionHash: Buffer } {
  const id = randomUUID();
  return {
    id,
    journeyId: journey.id,
    legacyAccountId: journey.legacyAccountId,
    sessionHash: stepUpSessionHash(newStepUpSession()),
    method: 'one_time_passcode',
    reasons: ['privileged'],
    channel: { kind: 'sms', masked: '+33 6•• •• •• 78' },
    codeDigest: oneTimeCodeDigest(CODE_KEY, id, RIGHT_CODE),
    maxAttempts: 5,
    status: 'pending',
    createdAt: minutes(-1),
    expiresAt: minutes(10),
    ...overrides,
  };
}

/** Sent to support: no channel, no code. */
export function aSupportChallenge(journey: Journey): NewStepUpChallenge & { sessionHash: Buffer } {
  const { channel: _channel, codeDigest: _code, ...challenge } = aChallenge(journey);
  return { ...challenge, method: 'support_proofing', status: 'support_required' };
}

/** A wrong code: the decision records the attempt, locking the challenge when told. */
export const wrongCode =
  (lock = false, seen: StepUpChallenge[] = []) =>
  async (challenge: StepUpChallenge): Promise<AttemptDecision> => {
    seen.push(challenge);
    return { passed: false, lock };
  };

/** The right code: a grant, the step-up-passed event and the journey's own transition. */
export const rightCode =
  (seen: StepUpChallenge[] = []) =>
  async (challenge: StepUpChallenge): Promise<AttemptDecision> => {
    seen.push(challenge);
    const now = new Date();
    const event = createEvent(
      ResetStepUpPassedV1,
      {
        legacyAccountId: challenge.legacyAccountId,
        waveId: challenge.waveId,
        journeyId: challenge.journeyId,
        method: 'one_time_passcode',
      },
      { source: 'reset-issuance', subject: challenge.legacyAccountId, journeyId: challenge.journeyId },
      () => now,
    );
    return {
      passed: true,
      grant: {
        jti: randomUUID(),
        legacyAccountId: challenge.legacyAccountId,
        journeyId: challenge.journeyId,
        waveId: challenge.waveId,
        targetAccountId: challenge.targetAccountId,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 300_000),
      },
      events: [event],
      journey: (journey) => transition(journey, { type: 'step_up_passed' }, now),
    };
  };
