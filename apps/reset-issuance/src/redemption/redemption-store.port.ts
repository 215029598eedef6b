import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { JourneyEventType } from '../journeys/domain/journey-event';
import type { NewStepUpChallenge } from '../step-up/domain/step-up-challenge';
import type { PresentedCredential, TokenOnRecord } from './domain/redemption';

export type { PresentedCredential };

export const REDEMPTION_STORE = Symbol('RedemptionStore');

/** What a spent token leads to, stored in the transaction that spends it. */
export interface RedemptionEffects {
  /** What the spend does to the journey; the store writes that event's status from the journeys' domain. */
  journeyEvent: Extract<JourneyEventType, 'link_redeemed' | 'step_up_required'>;
  events: RekeyEvent[];
  challenge?: NewStepUpChallenge;
  grant?: EnrollmentGrant;
}

export interface LookUpCounting {
  windowStart: Date;
  /** The client's address and subnet counters, counted on every request. */
  addressKeys: string[];
  /** With the account id, the counter of a live token's account. */
  accountKeyPrefix: string;
  /** The counter of everything that is not a live token: unknown, used, superseded, expired, held. */
  globalKey: string;
}

export interface LookedUpToken {
  token?: TokenOnRecord;
  /** The third counter that was incremented: the account's for a live token, else the global one. */
  resolvedKey: string;
  /** Every incremented counter's new value, by key. */
  hits: Map<string, number>;
}

/** Reset tokens as redemption sees them, in reset-issuance's database. */
export interface RedemptionStore {
  /**
   * Looks the token up and, in the same statement, adds one hit to each of the address counters
   * and to one more: the account's when the token is live (unexpired, account not held), the
   * global one otherwise. So every presented value costs the same one round trip, a dead token
   * counts exactly as an unknown one, and no dead token moves a live one's account counter.
   */
  lookUp(credential: PresentedCredential, counting: LookUpCounting): Promise<LookedUpToken>;
  /**
   * Spends the token in one conditional update (live, unexpired, account not held): of two
   * concurrent calls at most one succeeds. In the same statement it stores `onSpent`'s effects when
   * the token was spent, or `onFailed`'s events when it was not. Without `onSpent` (the lookup
   * already showed the token cannot be spent) nothing is spent, but the statement is the same, so
   * its timing does not tell the failures apart.
   */
  spend(
    credential: PresentedCredential,
    outcome: { onSpent?: RedemptionEffects; onFailed: RekeyEvent[] },
  ): Promise<'spent' | 'failed'>;
  /** Events with no state change (a refused, rate-limited attempt). */
  record(events: RekeyEvent[]): Promise<void>;
}
