import { Inject, Injectable } from '@nestjs/common';
import {
  createEvent,
  ResetRedemptionFailedV1,
  ResetTokenRedeemedV1,
  type ClientOrigin,
  type RekeyEvent,
} from '@rekey/contracts';
import { IssueEnrollmentGrant } from '../grants/issue-enrollment-grant';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { CLOCK, type Clock } from '../shared/clock.port';
import { stepUpReasonsOf } from '../step-up/domain/step-up-policy';
import { StartStepUp, type StepUpPlan } from '../step-up/start-step-up';
import { hashResetToken } from '../tokens/domain/reset-token';
import { couldBeSpent, failureReasonOf, type TokenOnRecord } from './domain/redemption';
import { REDEMPTION_STORE, type RedemptionEffects, type RedemptionStore } from './redemption-store.port';

export type RedemptionOutcome =
  | { kind: 'enroll'; location: string }
  | { kind: 'step_up'; session: string; maxAgeSeconds: number }
  | { kind: 'failed' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

interface SpendingPlan {
  outcome: Extract<RedemptionOutcome, { kind: 'enroll' | 'step_up' }>;
  effects: RedemptionEffects;
  /** The code is sent only once the challenge has committed. */
  stepUp?: StepUpPlan;
}

/**
 * Spends a reset link on the customer's explicit POST. Every failure does the same work (limits,
 * lookup, one spending statement with its failed event) and ends in the same outcome, whatever the
 * reason.
 */
@Injectable()
export class RedeemResetToken {
  constructor(
    @Inject(REDEMPTION_STORE) private readonly store: RedemptionStore,
    private readonly limiter: RateLimiter,
    private readonly grants: IssueEnrollmentGrant,
    private readonly stepUp: StartStepUp,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: { token: string; client: ClientOrigin }): Promise<RedemptionOutcome> {
    const tokenHash = hashResetToken(command.token);
    const counting = this.limiter.countingOf('redeem', command.client.ipAddress);
    // Unresolved tokens count under a key of their own, so every path does the same work.
    const { token, accountKey, hits } = await this.store.lookUp(tokenHash, {
      windowStart: counting.windowStart,
      clientKeys: counting.clientRules.map((rule) => rule.key),
      accountKeyPrefix: counting.accountKeyPrefix,
      unresolvedAccount: `unresolved:${tokenHash.subarray(0, 6).toString('hex')}`,
    });
    const byClient = this.limiter.judgeClient(counting, hits);
    if (!byClient.allowed) {
      if (byClient.firstRefusal)
        await this.store.record([this.failedEvent('rate_limited', undefined, command.client)]);
      return { kind: 'rate_limited', retryAfterSeconds: byClient.retryAfterSeconds };
    }
    const byAccount = this.limiter.judgeAccount(counting, accountKey, hits);
    if (!byAccount.allowed && token) {
      if (byAccount.firstRefusal)
        await this.store.record([this.failedEvent('rate_limited', token, command.client)]);
      return { kind: 'rate_limited', retryAfterSeconds: byAccount.retryAfterSeconds };
    }

    const plan = token && couldBeSpent(token) ? await this.planSpending(token, command.client) : undefined;
    const spent = await this.store.spend(tokenHash, {
      onSpent: plan?.effects,
      onFailed: [this.failedEvent(failureReasonOf(token), token, command.client)],
    });
    if (spent === 'failed' || !plan) return { kind: 'failed' };
    if (plan.stepUp) await this.stepUp.deliver(plan.stepUp);
    return plan.outcome;
  }

  /**
   * What spending the token leads to, prepared before the statement that spends it so that the
   * two commit together: an enrollment grant, or a step-up challenge for a risky account.
   */
  private async planSpending(token: TokenOnRecord, client: ClientOrigin): Promise<SpendingPlan> {
    const reasons = stepUpReasonsOf(token.segments, token.fraudFlagged);
    if (reasons.length === 0) {
      const { grant, location } = await this.grants.execute({
        legacyAccountId: token.legacyAccountId,
        journeyId: token.journeyId,
        waveId: token.waveId,
        targetAccountId: token.targetAccountId,
      });
      return {
        outcome: { kind: 'enroll', location },
        effects: {
          journeyStatus: 'redeemed',
          grant,
          events: [this.redeemedEvent(token, client, 'enrollment')],
        },
      };
    }
    const stepUp = this.stepUp.plan(
      {
        journeyId: token.journeyId,
        legacyAccountId: token.legacyAccountId,
        waveId: token.waveId,
        linkChannel: token.channelKind,
        verifiedContacts: token.verifiedContacts,
      },
      reasons,
    );
    const maxAgeSeconds = Math.ceil(
      (stepUp.challenge.expiresAt.getTime() - this.clock.now().getTime()) / 1000,
    );
    return {
      outcome: { kind: 'step_up', session: stepUp.session, maxAgeSeconds },
      stepUp,
      effects: {
        journeyStatus: 'step_up_required',
        challenge: stepUp.challenge,
        events: [this.redeemedEvent(token, client, 'step_up'), stepUp.event],
      },
    };
  }

  private redeemedEvent(
    token: TokenOnRecord,
    client: ClientOrigin,
    next: 'enrollment' | 'step_up',
  ): RekeyEvent {
    const now = this.clock.now();
    return createEvent(
      ResetTokenRedeemedV1,
      {
        legacyAccountId: token.legacyAccountId,
        waveId: token.waveId,
        journeyId: token.journeyId,
        issuanceId: token.tokenId,
        client,
        next,
      },
      { source: 'reset-issuance', subject: token.legacyAccountId, journeyId: token.journeyId },
      () => now,
    );
  }

  private failedEvent(
    reason: ResetRedemptionFailedV1['reason'],
    token: TokenOnRecord | undefined,
    client: ClientOrigin,
  ): RekeyEvent {
    const now = this.clock.now();
    const account = token
      ? {
          legacyAccountId: token.legacyAccountId,
          waveId: token.waveId,
          journeyId: token.journeyId,
          issuanceId: token.tokenId,
        }
      : {};
    return createEvent(
      ResetRedemptionFailedV1,
      { reason, ...account, client },
      {
        source: 'reset-issuance',
        subject: token?.legacyAccountId ?? client.ipAddress,
        ...(token ? { journeyId: token.journeyId } : {}),
      },
      () => now,
    );
  }
}
