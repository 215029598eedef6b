import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import {
  signEnrollmentGrant,
  type EnrollmentGrant,
  type EnrollmentGrantSubject,
} from '@rekey/enrollment-grant';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { GRANT_SIGNING_KEY, type LoadedGrantKey } from './grant-signing-key';

export interface IssuedGrant {
  grant: EnrollmentGrant;
  /** `${ENROLLMENT_URL}/enroll#grant=<jwt>`: in the fragment, so no server or log on the way sees it. */
  location: string;
}

/** Signs the hand-off of a journey that may enrol now (redeemed, and stepped up when required). */
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

  async execute(subject: EnrollmentGrantSubject): Promise<IssuedGrant> {
    const { jwt, grant } = await signEnrollmentGrant(subject, {
      key: { privateKey: this.key.privateKey, kid: this.key.kid },
      jti: this.clock.newId(),
      now: this.clock.now(),
      lifetimeSeconds: this.config.ENROLLMENT_GRANT_LIFETIME_SECONDS,
    });
    return { grant, location: `${this.enrollUrl}#grant=${jwt}` };
  }
}
