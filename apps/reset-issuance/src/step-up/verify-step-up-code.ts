import { Inject, Injectable } from '@nestjs/common';
import { createEvent, ResetStepUpPassedV1 } from '@rekey/contracts';
import { IssueEnrollmentGrant } from '../grants/issue-enrollment-grant';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { CLOCK, type Clock } from '../shared/clock.port';
import { isCorrectCode } from './domain/one-time-code';
import { isExhausted } from './domain/step-up-challenge';
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
  ) {}

  async execute(command: {
    session: string | undefined;
    code: string;
    ipAddress: string;
  }): Promise<StepUpOutcome> {
    const byClient = await this.limiter.checkClient('step_up', command.ipAddress);
    if (!byClient.allowed) return { kind: 'rate_limited', retryAfterSeconds: byClient.retryAfterSeconds };
    if (!command.session) return { kind: 'unavailable' };

    const sessionHash = stepUpSessionHash(command.session);
    const known = await this.store.findBySession(sessionHash);
    if (!known) return { kind: 'unavailable' };
    const byAccount = await this.limiter.checkAccount('step_up', known.legacyAccountId);
    if (!byAccount.allowed) return { kind: 'rate_limited', retryAfterSeconds: byAccount.retryAfterSeconds };

    let location: string | undefined;
    const decision = await this.store.attempt(sessionHash, async (challenge) => {
      if (
        !challenge.codeDigest ||
        !isCorrectCode(this.codeKey, challenge.id, command.code, challenge.codeDigest)
      ) {
        return { passed: false, lock: isExhausted(challenge) };
      }
      const now = this.clock.now();
      const issued = await this.grants.execute({
        legacyAccountId: challenge.legacyAccountId,
        journeyId: challenge.journeyId,
        waveId: challenge.waveId,
        targetAccountId: challenge.targetAccountId,
      });
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
      return { passed: true, grant: issued.grant, events: [event] };
    });

    if (!decision) return { kind: 'unavailable' };
    if (decision.passed) return location ? { kind: 'passed', location } : { kind: 'unavailable' };
    if (decision.lock || !known.channel) return { kind: 'unavailable' };
    return { kind: 'rejected', maskedChannel: known.channel.masked };
  }
}
