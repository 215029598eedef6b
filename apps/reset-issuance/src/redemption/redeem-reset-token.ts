import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  createEvent,
  ResetRedemptionFailedV1,
  ResetTokenRedeemedV1,
  type ClientOrigin,
  type RekeyEvent,
} from '@rekey/contracts';
import { tagJourney } from '@rekey/observability';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { IssueEnrollmentGrant } from '../grants/issue-enrollment-grant';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { stepUpReasonsOf } from '../step-up/domain/step-up-policy';
import { StartStepUp, type StepUpPlan } from '../step-up/start-step-up';
import {
  couldBeSpent,
  failureReasonOf,
  type PresentedCredential,
  type TokenOnRecord,
} from './domain/redemption';
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
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: {
    credential: PresentedCredential;
    client: ClientOrigin;
  }): Promise<RedemptionOutcome> {
    const outcome = await this.redeem(command);
    // One line per attempt, with its class only: never the token, the code or a contact.
    const logged = {
      enroll: 'redeemed',
      step_up: 'step_up_required',
      failed: 'refused',
      rate_limited: 'rate_limited',
    }[outcome.kind];
    this.logger.info(
      { action: 'redeem', outcome: logged, credential: command.credential.kind },
      'customer redeem',
    );
    return outcome;
  }

  private async redeem(command: {
    credential: PresentedCredential;
    client: ClientOrigin;
  }): Promise<RedemptionOutcome> {
    const counting = this.limiter.countingOf('redeem', command.client.ipAddress);
    // A live token counts on its account, anything else on the global limit: one statement either way.
    const { token, resolvedKey, hits } = await this.store.lookUp(command.credential, {
      windowStart: counting.windowStart,
      addressKeys: counting.addressRules.map((rule) => rule.key),
      accountKeyPrefix: counting.accountKeyPrefix,
      globalKey: counting.globalRule.key,
    });
    if (token) {
      tagJourney({
        journeyId: token.journeyId,
        waveId: token.waveId,
        legacyAccountId: token.legacyAccountId,
      });
    }
    const live = token !== undefined && couldBeSpent(token);
    const byAddress = this.limiter.judgeAddress(counting, hits);
    const byResolved = byAddress.allowed
      ? this.limiter.judgeResolved(counting, resolvedKey, hits)
      : byAddress;
    if (!byResolved.allowed) {
      // A dead token is refused as an unknown one is, so its event names no account either.
      if (byResolved.firstRefusal)
        await this.store.record([this.failedEvent('rate_limited', live ? token : undefined, command.client)]);
      return { kind: 'rate_limited', retryAfterSeconds: byResolved.retryAfterSeconds };
    }

    const plan = token && live ? await this.planSpending(token, command.client) : undefined;
    const spent = await this.store.spend(command.credential, {
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
      const { grant, location } = await this.grants.execute(
        {
          legacyAccountId: token.legacyAccountId,
          journeyId: token.journeyId,
          waveId: token.waveId,
          targetAccountId: token.targetAccountId,
        },
        token.enrolment,
      );
      return {
        outcome: { kind: 'enroll', location },
        effects: {
          journeyEvent: 'link_redeemed',
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
        journeyEvent: 'step_up_required',
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
