import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { Journey } from '../journeys/domain/journey';
import type { JourneyStatus } from '../journeys/domain/journey-status';
import { JourneyTransitions } from '../journeys/domain/journey-transitions';
import type { NewStepUpChallenge, StepUpChallenge, StepUpStatus } from '../step-up/domain/step-up-challenge';
import type { AttemptDecision, StepUpStore } from '../step-up/step-up-store.port';
import type { EnrolmentContext } from '../waves/domain/enrolment-policy';

interface StoredChallenge extends Omit<NewStepUpChallenge, 'status'> {
  attempts: number;
  status: StepUpStatus;
}

/**
 * Step-up challenges, their journeys, grants and outbox in memory, honouring the PostgreSQL
 * adapter's contract (step-up-store.contract.ts): only the newest challenge of a journey still in
 * step-up takes codes, attempts on one challenge are counted one at a time (as under its row lock),
 * and an attempt whose decision or journey change throws leaves nothing, not even its count.
 * Expiry is judged by `now`, as the adapter's by the database's clock.
 */
export class FakeStepUpStore implements StepUpStore {
  private readonly journeys = new Map<string, Journey>();
  private readonly targetAccounts = new Map<string, string>();
  private readonly enrolments = new Map<string, EnrolmentContext>();
  private readonly challenges: StoredChallenge[] = [];
  private readonly locks = new Map<string, Promise<void>>();
  /** The grants recorded by passed attempts, in order. */
  readonly grants: EnrollmentGrant[] = [];
  /** The events stored with passed attempts, in order. */
  readonly events: RekeyEvent[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * A journey of a launched wave, on an account identity matching linked to `targetAccountId`;
   * `enrolment` is what the adapter reads of its wave and account.
   */
  addJourney(journey: Journey, targetAccountId: string, enrolment: EnrolmentContext): void {
    this.journeys.set(journey.id, { ...journey });
    this.targetAccounts.set(journey.legacyAccountId, targetAccountId);
    this.enrolments.set(journey.id, enrolment);
  }

  /** A challenge as redemption stores it when it spends the journey's link. */
  open(challenge: NewStepUpChallenge): void {
    if (!this.journeys.has(challenge.journeyId)) throw new Error(`no journey ${challenge.journeyId}`);
    this.challenges.push({ ...copyOf(challenge), attempts: 0 });
  }

  /** Another module changed the journey meanwhile (issuance sent a new link, say). */
  moveJourney(journeyId: string, status: JourneyStatus): void {
    const journey = this.journeys.get(journeyId);
    if (!journey) throw new Error(`no journey ${journeyId}`);
    this.journeys.set(journeyId, { ...journey, status });
  }

  journey(journeyId: string): Journey | undefined {
    const journey = this.journeys.get(journeyId);
    return journey && { ...journey };
  }

  async findBySession(sessionHash: Buffer): Promise<StepUpChallenge | undefined> {
    const stored = this.bySession(sessionHash);
    return stored && this.view(stored);
  }

  attempt(
    sessionHash: Buffer,
    decide: (challenge: StepUpChallenge) => Promise<AttemptDecision>,
  ): Promise<AttemptDecision | undefined> {
    const stored = this.bySession(sessionHash);
    if (!stored) return Promise.resolve(undefined);
    return this.exclusively(stored.id, async () => {
      if (!this.takesCodes(stored)) return undefined;
      stored.attempts += 1;
      try {
        const decision = await decide(this.view(stored));
        if (decision.passed) {
          const journey = this.journeys.get(stored.journeyId)!;
          const changed = decision.journey({ ...journey });
          // Only the status moves, as the adapter writes it.
          this.journeys.set(journey.id, { ...journey, status: changed.status, updatedAt: changed.updatedAt });
          stored.status = 'passed';
          this.grants.push({ ...decision.grant });
          this.events.push(...decision.events);
        } else if (decision.lock) {
          stored.status = 'locked';
        }
        return decision;
      } catch (error) {
        // The adapter's transaction rolls back: the attempt was never counted.
        stored.attempts -= 1;
        throw error;
      }
    });
  }

  private bySession(sessionHash: Buffer): StoredChallenge | undefined {
    return this.challenges.find((challenge) => challenge.sessionHash.equals(sessionHash));
  }

  private takesCodes(stored: StoredChallenge): boolean {
    return (
      stored.status === 'pending' &&
      stored.method === 'one_time_passcode' &&
      !this.expired(stored) &&
      stored.attempts < stored.maxAttempts &&
      !this.superseded(stored)
    );
  }

  private expired(stored: StoredChallenge): boolean {
    return stored.expiresAt.getTime() <= this.now().getTime();
  }

  /** The journey left step-up (a new link was sent), or its redemption opened a newer challenge. */
  private superseded(stored: StoredChallenge): boolean {
    const journey = this.journeys.get(stored.journeyId)!;
    return (
      !JourneyTransitions.step_up_passed.from.includes(journey.status) ||
      this.challenges.some(
        (other) =>
          other.journeyId === stored.journeyId && other.createdAt.getTime() > stored.createdAt.getTime(),
      )
    );
  }

  private view(stored: StoredChallenge): StepUpChallenge {
    const journey = this.journeys.get(stored.journeyId)!;
    return {
      id: stored.id,
      journeyId: stored.journeyId,
      legacyAccountId: stored.legacyAccountId,
      waveId: journey.waveId,
      targetAccountId: this.targetAccounts.get(stored.legacyAccountId)!,
      method: stored.method,
      reasons: [...stored.reasons],
      ...(stored.channel ? { channel: { ...stored.channel } } : {}),
      ...(stored.codeDigest ? { codeDigest: Buffer.from(stored.codeDigest) } : {}),
      attempts: stored.attempts,
      maxAttempts: stored.maxAttempts,
      status: stored.status,
      expiresAt: new Date(stored.expiresAt),
      expired: this.expired(stored),
      superseded: this.superseded(stored),
      enrolment: this.enrolments.get(stored.journeyId)!,
      ...(stored.redemptionTraceparent ? { redemptionTraceparent: stored.redemptionTraceparent } : {}),
    };
  }

  /** One attempt at a time per challenge, as the adapter's row lock makes them. */
  private async exclusively<T>(challengeId: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(challengeId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const queue = before.then(() => mine);
    this.locks.set(challengeId, queue);
    await before;
    try {
      return await work();
    } finally {
      release();
      if (this.locks.get(challengeId) === queue) this.locks.delete(challengeId);
    }
  }
}

function copyOf(challenge: NewStepUpChallenge): NewStepUpChallenge {
  return {
    ...challenge,
    sessionHash: Buffer.from(challenge.sessionHash),
    reasons: [...challenge.reasons],
    ...(challenge.channel ? { channel: { ...challenge.channel } } : {}),
    ...(challenge.codeDigest ? { codeDigest: Buffer.from(challenge.codeDigest) } : {}),
    createdAt: new Date(challenge.createdAt),
    expiresAt: new Date(challenge.expiresAt),
  };
}
