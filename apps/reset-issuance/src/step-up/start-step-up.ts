import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  createEvent,
  maskContact,
  ResetStepUpRequiredV1,
  type ContactKind,
  type RekeyEvent,
  type VerifiedContact,
} from '@rekey/contracts';
import { deliveryFailureFields, NOTIFIER, type Notifier } from '@rekey/notifications';
import { currentTraceparent } from '@rekey/observability';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { messageTo } from '../notifications/domain/outgoing-message';
import { stepUpCodeMessage } from '../notifications/domain/step-up-code-message';
import { generateOneTimeCode, oneTimeCodeDigest } from './domain/one-time-code';
import type { NewStepUpChallenge } from './domain/step-up-challenge';
import { stepUpChannelOf, type StepUpReason } from './domain/step-up-policy';
import { newStepUpSession, stepUpSessionHash } from './domain/step-up-session';
import { STEP_UP_CODE_KEY } from './step-up-code-key';

export interface JourneyToStepUp {
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  linkChannel: ContactKind;
  verifiedContacts: VerifiedContact[];
}

/** A challenge ready to store with its event; the code leaves only through `deliver`, after commit. */
export interface StepUpPlan {
  challenge: NewStepUpChallenge;
  /** The cookie value; the challenge keeps only its hash. */
  session: string;
  event: RekeyEvent;
  delivery?: { to: VerifiedContact; code: string };
}

/** Opens step-up for a journey whose account needs it: a code to the other channel, or support. */
@Injectable()
export class StartStepUp {
  constructor(
    @Inject(STEP_UP_CODE_KEY) private readonly codeKey: Buffer,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerJourneyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  plan(journey: JourneyToStepUp, reasons: StepUpReason[]): StepUpPlan {
    const now = this.clock.now();
    const id = this.clock.newId();
    const session = newStepUpSession();
    const traceparent = currentTraceparent();
    const channel = stepUpChannelOf(journey.linkChannel, journey.verifiedContacts);
    const code = channel ? generateOneTimeCode() : undefined;
    const masked = channel ? maskContact(channel.kind, channel.value) : undefined;
    const challenge: NewStepUpChallenge = {
      id,
      journeyId: journey.journeyId,
      legacyAccountId: journey.legacyAccountId,
      sessionHash: stepUpSessionHash(session),
      method: channel ? 'one_time_passcode' : 'support_proofing',
      reasons,
      ...(masked && code ? { channel: masked, codeDigest: oneTimeCodeDigest(this.codeKey, id, code) } : {}),
      maxAttempts: this.config.STEP_UP_MAX_ATTEMPTS,
      status: channel ? 'pending' : 'support_required',
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.STEP_UP_CODE_LIFETIME_MINUTES * 60_000),
      // The grant a passed code leads to continues the redemption's trace, not the code's request.
      ...(traceparent ? { redemptionTraceparent: traceparent } : {}),
    };
    const event = createEvent(
      ResetStepUpRequiredV1,
      {
        legacyAccountId: journey.legacyAccountId,
        waveId: journey.waveId,
        journeyId: journey.journeyId,
        reasons,
        method: challenge.method,
        ...(masked ? { channel: masked } : {}),
      },
      { source: 'reset-issuance', subject: journey.legacyAccountId, journeyId: journey.journeyId },
      () => now,
    );
    return { challenge, session, event, ...(channel && code ? { delivery: { to: channel, code } } : {}) };
  }

  /**
   * Sends the code once the challenge is committed, through the service's notifier (email by
   * NOTIFY_TRANSPORT, SMS to files). Its message id, `step-up-<challenge id>`, names its file.
   * A failed send is logged (its codes, never the code, the message or the recipient); the customer can ask for a new link, which
   * starts over.
   */
  async deliver(plan: StepUpPlan): Promise<void> {
    if (!plan.delivery) return;
    try {
      const content = stepUpCodeMessage(plan.delivery.code, plan.challenge.expiresAt);
      await this.notifier.send(messageTo(plan.delivery.to, content, `step-up-${plan.challenge.id}`));
    } catch (error) {
      this.logger.error(
        {
          challengeId: plan.challenge.id,
          journeyId: plan.challenge.journeyId,
          ...deliveryFailureFields(error),
        },
        'step-up code could not be sent',
      );
    }
  }
}
