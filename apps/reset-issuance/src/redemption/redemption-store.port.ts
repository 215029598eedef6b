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

/** Reset tokens as redemption sees them, in reset-issuance's database. */
export interface RedemptionStore {
  find(tokenHash: Buffer): Promise<TokenOnRecord | undefined>;
  /**
   * Spends the token in one conditional update (live, unexpired, account not held): of two
   * concurrent calls at most one succeeds. Then, in the same transaction, stores `onSpent`'s
   * effects, or `onFailed`'s events when nothing was spent. Both paths do the same queries up to
   * that point, so their timing does not tell them apart.
   */
  spend(
    tokenHash: Buffer,
    outcome: { onSpent(): Promise<RedemptionEffects>; onFailed(): RekeyEvent[] },
  ): Promise<'spent' | 'failed'>;
  /** Events with no state change (a refused, rate-limited attempt). */
  record(events: RekeyEvent[]): Promise<void>;
}
