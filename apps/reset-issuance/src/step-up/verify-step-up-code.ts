import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, ResetStepUpPassedV1 } from '@rekey/contracts';
import { tagJourney } from '@rekey/observability';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { IssueEnrollmentGrant } from '../grants/issue-enrollment-grant';
import { transition } from '../journeys/domain/journey-transitions';
import { InvalidJourneyTransition } from '../journeys/domain/journey.errors';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { isCorrectCode } from './domain/one-time-code';
import { acceptsCodes, isExhausted } from './domain/step-up-challenge';
import { stepUpSessionHash } from './domain/step-up-session';
import { STEP_UP_CODE_KEY } from './step-up-code-key';
import { STEP_UP_STORE, type StepUpStore } from './step-up-store.port';

export type StepUpOutcome =
  | { kind: 'passed'; location: string }
  /** A wrong code with tries left: the form again, naming where the code went. */
  | { kind: 'rejected'; maskedChannel: string }
  /** No session, expired, locked (now or before): the same answer for all of them. */
  | { kind: 'unavailable' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

/** Checks a step-up code; the right one hands the journey to enrollment with a grant. */
@Injectable()
export class VerifyStepUpCode {
  constructor(
    @Inject(STEP_UP_STORE) private readonly store: StepUpStore,
    @Inject(STEP_UP_CODE_KEY) private readonly codeKey: Buffer,
    private readonly limiter: RateLimiter,
    private readonly grants: IssueEnrollmentGrant,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** `code` as typed: one that is not six to eight digits is a wrong code, counted as one. */
  async execute(command: {
    session: string | undefined;
    code: string;
    ipAddress: string;
  }): Promise<StepUpOutcome> {
    const outcome = await this.verify(command);
    // The outcome class only: never the code, the session or the contact.
    const logged = {
      passed: 'stepped_up',
      rejected: 'refused',
      unavailable: 'unavailable',
      rate_limited: 'rate_limited',
    }[outcome.kind];
    this.logger.info({ action: 'step_up', outcome: logged }, 'customer step-up');
    return outcome;
  }

  private async verify(command: {
    session: string | undefined;
    code: string;
    ipAddress: string;
  }): Promise<StepUpOutcome> {
    const byAddress = await this.limiter.checkAddress('step_up', command.ipAddress);
    if (!byAddress.allowed) return { kind: 'rate_limited', retryAfterSeconds: byAddress.retryAfterSeconds };

    const sessionHash = command.session ? stepUpSessionHash(command.session) : undefined;
    const known = sessionHash ? await this.store.findBySession(sessionHash) : undefined;
    if (known) {
      tagJourney({
        journeyId: known.journeyId,
        waveId: known.waveId,
        legacyAccountId: known.legacyAccountId,
      });
    }
    // An open challenge counts on its account; anything else on the global limit, which a flood of
    // bogus sessions then meets while customers with a code still get through.
    const open = known !== undefined && acceptsCodes(known);
    const byResolved = open
      ? await this.limiter.checkAccount('step_up', known.legacyAccountId)
      : await this.limiter.checkGlobal('step_up');
    if (!byResolved.allowed) return { kind: 'rate_limited', retryAfterSeconds: byResolved.retryAfterSeconds };
    if (!sessionHash || !known || !open) return { kind: 'unavailable' };

    let location: string | undefined;
    const decision = await this.attempt(sessionHash, async (challenge) => {
      const code = command.code.replace(/\s/g, '');
      if (!challenge.codeDigest || !isCorrectCode(this.codeKey, challenge.id, code, challenge.codeDigest)) {
        return { passed: false, lock: isExhausted(challenge) };
      }
      const now = this.clock.now();
      const issued = await this.grants.execute(
        {
          legacyAccountId: challenge.legacyAccountId,
          journeyId: challenge.journeyId,
          waveId: challenge.waveId,
          targetAccountId: challenge.targetAccountId,
          ...(challenge.redemptionTraceparent ? { traceparent: challenge.redemptionTraceparent } : {}),
        },
        challenge.enrolment,
      );
      location = issued.location;
      const event = createEvent(
        ResetStepUpPassedV1,
        {
          legacyAccountId: challenge.legacyAccountId,
          waveId: challenge.waveId,
          journeyId: challenge.journeyId,
          method: 'one_time_passcode',
        },
        { source: 'reset-issuance', subject: challenge.legacyAccountId, journeyId: challenge.journeyId },
        () => now,
      );
      return {
        passed: true,
        grant: issued.grant,
        events: [event],
        journey: (journey) => transition(journey, { type: 'step_up_passed' }, now),
      };
    });

    if (!decision) return { kind: 'unavailable' };
    if (decision.passed) return location ? { kind: 'passed', location } : { kind: 'unavailable' };
    if (decision.lock || !known.channel) return { kind: 'unavailable' };
    return { kind: 'rejected', maskedChannel: known.channel.masked };
  }

  /**
   * A journey that left step-up between the count and the pass (a new link was sent) makes its
   * change refused: the same answer as a challenge already over, and nothing is stored.
   */
  private async attempt(
    sessionHash: Buffer,
    decide: Parameters<StepUpStore['attempt']>[1],
  ): ReturnType<StepUpStore['attempt']> {
    try {
      return await this.store.attempt(sessionHash, decide);
    } catch (error) {
      if (error instanceof InvalidJourneyTransition) return undefined;
      throw error;
    }
  }
}
