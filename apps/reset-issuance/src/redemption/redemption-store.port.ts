import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { NewStepUpChallenge } from '../step-up/domain/step-up-challenge';
import type { TokenOnRecord } from './domain/redemption';

export const REDEMPTION_STORE = Symbol('RedemptionStore');

/** What a spent token leads to, stored in the transaction that spends it. */
export interface RedemptionEffects {
  journeyStatus: 'redeemed' | 'step_up_required';
  events: RekeyEvent[];
  challenge?: NewStepUpChallenge;
  grant?: EnrollmentGrant;
}

export interface LookUpCounting {
  windowStart: Date;
  clientKeys: string[];
  accountKeyPrefix: string;
  unresolvedAccount: string;
}

export interface LookedUpToken {
  token?: TokenOnRecord;
  /** The full key of the account counter that was incremented. */
  accountKey: string;
  /** Every incremented counter's new value, by key. */
  hits: Map<string, number>;
}

/** Reset tokens as redemption sees them, in reset-issuance's database. */
export interface RedemptionStore {
  /**
   * Looks the token up and, in the same statement, adds one hit to each of the client's counters
   * and to the counter of the account the token resolves to (`unresolvedAccount` when it resolves
   * to none), so every presented token costs the same one round trip.
   */
  lookUp(tokenHash: Buffer, counting: LookUpCounting): Promise<LookedUpToken>;
  /**
   * Spends the token in one conditional update (live, unexpired, account not held): of two
   * concurrent calls at most one succeeds. In the same statement it stores `onSpent`'s effects when
   * the token was spent, or `onFailed`'s events when it was not. Without `onSpent` (the lookup
   * already showed the token cannot be spent) nothing is spent, but the statement is the same, so
   * its timing does not tell the failures apart.
   */
  spend(
    tokenHash: Buffer,
    outcome: { onSpent?: RedemptionEffects; onFailed: RekeyEvent[] },
  ): Promise<'spent' | 'failed'>;
  /** Events with no state change (a refused, rate-limited attempt). */
  record(events: RekeyEvent[]): Promise<void>;
}
