import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { Journey } from '../journeys/domain/journey';
import type { StepUpChallenge } from './domain/step-up-challenge';

export const STEP_UP_STORE = Symbol('StepUpStore');

export type AttemptDecision =
  | {
      passed: true;
      grant: EnrollmentGrant;
      events: RekeyEvent[];
      /** The journey's own change, run under its row lock in the attempt's transaction. */
      journey: (journey: Journey) => Journey;
    }
  | { passed: false; lock: boolean };

/** Step-up challenges in reset-issuance's database, found by the hash of their session cookie. */
export interface StepUpStore {
  findBySession(sessionHash: Buffer): Promise<StepUpChallenge | undefined>;
  /**
   * Counts one attempt on a challenge that still accepts codes (under its row lock, so concurrent
   * attempts are counted one by one), then applies `decide`: pass (the journey changed as the
   * decision says, through the journeys' store, grant recorded, events) or fail (locking it when
   * told). Undefined when no attempt was possible; whatever the journey's change throws (such as
   * InvalidJourneyTransition) undoes the whole attempt.
   */
  attempt(
    sessionHash: Buffer,
    decide: (challenge: StepUpChallenge) => Promise<AttemptDecision>,
  ): Promise<AttemptDecision | undefined>;
}
