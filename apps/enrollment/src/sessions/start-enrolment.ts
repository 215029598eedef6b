import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, EnrollmentStartedV1 } from '@rekey/contracts';
import { newSessionToken, sessionTokenHash } from '@rekey/customer-web';
import { EnrollmentGrantRejected, type EnrollmentGrant } from '@rekey/enrollment-grant';
import { inJourneySpan } from '@rekey/observability';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { EnrollmentWebConfig } from '../customer-web/enrollment-web.environment';
import { HOLD_STORE, type HoldStore } from '../holds/hold-store.port';
import { newCsrfToken } from './domain/enrolment-session';
import { ENROLMENT_SESSION_STORE, type EnrolmentSessionStore } from './enrolment-session-store.port';
import { GRANT_VERIFIER, type GrantVerifier } from './grant-verifier.port';
import type { Enrolment } from '../enrolments/domain/enrolment';
import { ENROLMENT_EVENTS, type EnrolmentEvents } from '../enrolments/enrolment-events.port';
import { enrolmentFailed, eventContextOf, journeyOf } from '../enrolments/domain/enrolment-events';

export type StartOutcome =
  | { kind: 'started'; sessionToken: string; maxAgeSeconds: number; enrolment: Enrolment }
  /** Unknown, expired, reused or forged grants and held accounts: one answer for all of them. */
  | { kind: 'refused' };

/** Exchanges a grant, once, for a customer session on the journey's enrolment. */
@Injectable()
export class StartEnrolment {
  constructor(
    @Inject(GRANT_VERIFIER) private readonly grants: GrantVerifier,
    @Inject(ENROLMENT_SESSION_STORE) private readonly sessions: EnrolmentSessionStore,
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(ENROLMENT_EVENTS) private readonly events: EnrolmentEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EnrollmentWebConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(jwt: string): Promise<StartOutcome> {
    let grant: EnrollmentGrant;
    try {
      grant = await this.grants.verify(jwt);
    } catch (error) {
      if (!(error instanceof EnrollmentGrantRejected)) throw error;
      // The reason is the class of refusal; the grant itself never reaches a log.
      this.logger.info({ action: 'enrolment_refused', reason: error.reason }, 'enrollment grant refused');
      return { kind: 'refused' };
    }
    // From here the exchange is the journey's work: in the trace of the redemption that signed it.
    return inJourneySpan(
      'enrolment grant exchange',
      grant.traceparent,
      { journeyId: grant.journeyId, waveId: grant.waveId, legacyAccountId: grant.legacyAccountId },
      () => this.start(grant),
    );
  }

  private async start(grant: EnrollmentGrant): Promise<StartOutcome> {
    if (await this.holds.isHeld(grant.legacyAccountId)) {
      await this.events.record([enrolmentFailed(grant, 'held', this.clock.now())]);
      return { kind: 'refused' };
    }
    const now = this.clock.now();
    const sessionToken = newSessionToken();
    const maxAgeSeconds = this.config.ENROLLMENT_SESSION_MINUTES * 60;
    const policy = grant.policy ?? {
      minimumAssurance: 'aal1' as const,
      passwordBridgeEndsAt: new Date(now.getTime() + this.config.DEFAULT_PASSWORD_BRIDGE_DAYS * 86_400_000),
    };
    const { enrolment } = await this.sessions.open(
      { ...journeyOf(grant), ...(grant.traceparent ? { traceparent: grant.traceparent } : {}) },
      policy,
      {
        hash: sessionTokenHash(sessionToken),
        csrfToken: newCsrfToken(),
        createdAt: now,
        expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      },
      (started) => [
        createEvent(
          EnrollmentStartedV1,
          { ...journeyOf(grant), minimumAssurance: started.minimumAssurance },
          eventContextOf(grant),
          () => now,
        ),
      ],
    );
    return { kind: 'started', sessionToken, maxAgeSeconds, enrolment };
  }
}
