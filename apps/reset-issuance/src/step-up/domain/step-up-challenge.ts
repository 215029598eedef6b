import type { MaskedContact } from '@rekey/contracts';
import type { EnrolmentContext } from '../../waves/domain/enrolment-policy';
import type { StepUpReason } from './step-up-policy';

export type StepUpMethod = 'one_time_passcode' | 'support_proofing';

/**
 * `pending`: a code was sent and may be tried; `support_required`: no second channel, a support
 * agent must prove the customer; `passed`; `locked`: too many wrong codes, it never opens again.
 */
export type StepUpStatus = 'pending' | 'passed' | 'locked' | 'support_required';

export interface StepUpChallenge {
  id: string;
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  targetAccountId: string;
  method: StepUpMethod;
  reasons: StepUpReason[];
  channel?: MaskedContact;
  codeDigest?: Buffer;
  attempts: number;
  maxAttempts: number;
  status: StepUpStatus;
  expiresAt: Date;
  /** Evaluated by the database at read time, so every replica agrees. */
  expired: boolean;
  /**
   * A new link was sent since (the journey left step-up), or its redemption opened a newer
   * challenge: this one is over, whatever its status says.
   */
  superseded: boolean;
  /** The wave's policy and cutoff and the account's segments, for the grant a passed code leads to. */
  enrolment: EnrolmentContext;
  /** The redemption's W3C trace context, which the grant a passed code leads to carries. */
  redemptionTraceparent?: string;
}

/** What redemption stores when it opens a challenge. */
export interface NewStepUpChallenge {
  id: string;
  journeyId: string;
  legacyAccountId: string;
  sessionHash: Buffer;
  method: StepUpMethod;
  reasons: StepUpReason[];
  channel?: MaskedContact;
  codeDigest?: Buffer;
  maxAttempts: number;
  status: 'pending' | 'support_required';
  createdAt: Date;
  expiresAt: Date;
  /** The redeeming request's W3C trace context, when it ran in a trace. */
  redemptionTraceparent?: string;
}

/** A code may be tried while the challenge is pending, unexpired and has attempts left. */
export function acceptsCodes(challenge: StepUpChallenge): boolean {
  return (
    challenge.method === 'one_time_passcode' &&
    challenge.status === 'pending' &&
    !challenge.expired &&
    !challenge.superseded &&
    challenge.attempts < challenge.maxAttempts
  );
}

/** After a wrong code: the attempt that uses up the last try locks the challenge. */
export function isExhausted(challenge: Pick<StepUpChallenge, 'attempts' | 'maxAttempts'>): boolean {
  return challenge.attempts >= challenge.maxAttempts;
}
