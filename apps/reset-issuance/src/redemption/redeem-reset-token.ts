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
import { failureReasonOf, type TokenOnRecord } from './domain/redemption';
import { REDEMPTION_STORE, type RedemptionStore } from './redemption-store.port';

export type RedemptionOutcome =
  | { kind: 'enroll'; location: string }
  | { kind: 'step_up'; session: string; maxAgeSeconds: number }
  | { kind: 'failed' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

/**
 * Spends a reset link on the customer's explicit POST. Every failure does the same work (limits,
 * lookup, conditional update, failed event) and ends in the same outcome, whatever the reason.
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
    const byClient = await this.limiter.checkClient('redeem', command.client.ipAddress);
    if (!byClient.allowed) {
      if (byClient.firstRefusal)
        await this.store.record([this.failedEvent('rate_limited', undefined, command.client)]);
      return { kind: 'rate_limited', retryAfterSeconds: byClient.retryAfterSeconds };
    }

    const tokenHash = hashResetToken(command.token);
    const token = await this.store.find(tokenHash);
    // Unresolved tokens count under a key of their own, so every path does this upsert.
    const byAccount = await this.limiter.checkAccount(
      'redeem',
      token?.legacyAccountId ?? `unresolved:${tokenHash.subarray(0, 6).toString('hex')}`,
    );
    if (!byAccount.allowed && token) {
      if (byAccount.firstRefusal)
        await this.store.record([this.failedEvent('rate_limited', token, command.client)]);
      return { kind: 'rate_limited', retryAfterSeconds: byAccount.retryAfterSeconds };
    }

    let result: RedemptionOutcome = { kind: 'failed' };
    let stepUp: StepUpPlan | undefined;
    await this.store.spend(tokenHash, {
      onFailed: () => [this.failedEvent(failureReasonOf(token), token, command.client)],
      onSpent: async () => {
        if (!token) throw new Error('a token was spent that the lookup did not find');
        const reasons = stepUpReasonsOf(token.segments, token.fraudFlagged);
        if (reasons.length === 0) {
          const { grant, location } = await this.grants.execute({
            legacyAccountId: token.legacyAccountId,
            journeyId: token.journeyId,
            waveId: token.waveId,
            targetAccountId: token.targetAccountId,
          });
          result = { kind: 'enroll', location };
          return {
            journeyStatus: 'redeemed',
            grant,
            events: [this.redeemedEvent(token, command.client, 'enrollment')],
          };
        }
        stepUp = this.stepUp.plan(
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
        result = { kind: 'step_up', session: stepUp.session, maxAgeSeconds };
        return {
          journeyStatus: 'step_up_required',
          challenge: stepUp.challenge,
          events: [this.redeemedEvent(token, command.client, 'step_up'), stepUp.event],
        };
      },
    });
    if (stepUp) await this.stepUp.deliver(stepUp);
    return result;
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
