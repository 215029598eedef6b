import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  signEnrollmentGrant,
  type EnrollmentGrant,
  type EnrollmentGrantSubject,
} from '@rekey/enrollment-grant';
import { currentTraceparent } from '@rekey/observability';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { resolveEnrolmentPolicy, type EnrolmentContext } from '../waves/domain/enrolment-policy';
import { GRANT_SIGNING_KEY, type LoadedGrantKey } from './grant-signing-key';

export interface IssuedGrant {
  grant: EnrollmentGrant;
  /** `${ENROLLMENT_URL}/enroll#grant=<jwt>`: in the fragment, so no server or log on the way sees it. */
  location: string;
}

/**
 * Signs the hand-off of a journey that may enrol now (redeemed, and stepped up when required),
 * with what its wave's enrolment policy requires of this account: every grant carries a minimum
 * level and a bridge end, the defaults when the wave was planned without a policy. It also
 * carries the journey's trace context (the redemption's request: the active one, or the one a
 * step-up challenge kept), so that enrollment continues the journey in that trace.
 */
@Injectable()
export class IssueEnrollmentGrant {
  private readonly enrollUrl: string;

  constructor(
    @Inject(GRANT_SIGNING_KEY) private readonly key: LoadedGrantKey,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerJourneyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.enrollUrl = new URL('enroll', `${config.ENROLLMENT_URL.replace(/\/+$/, '')}/`).toString();
  }

  async execute(
    subject: Omit<EnrollmentGrantSubject, 'policy'>,
    enrolment: EnrolmentContext,
  ): Promise<IssuedGrant> {
    const policy = resolveEnrolmentPolicy(enrolment.wave, enrolment.account);
    // The journey's trace: the one the caller names (a step-up's redemption), else this request's.
    const traceparent = subject.traceparent ?? currentTraceparent();
    const { jwt, grant } = await signEnrollmentGrant(
      { ...withoutTraceparent(subject), policy, ...(traceparent ? { traceparent } : {}) },
      {
        key: { privateKey: this.key.privateKey, kid: this.key.kid },
        jti: this.clock.newId(),
        now: this.clock.now(),
        lifetimeSeconds: this.config.ENROLLMENT_GRANT_LIFETIME_SECONDS,
      },
    );
    return { grant, location: `${this.enrollUrl}#grant=${jwt}` };
  }
}

function withoutTraceparent<T extends { traceparent?: string }>(subject: T): Omit<T, 'traceparent'> {
  const { traceparent: _traceparent, ...rest } = subject;
  return rest;
}
