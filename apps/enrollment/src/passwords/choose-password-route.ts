import { Inject, Injectable } from '@nestjs/common';
import type { Enrolment } from '../enrolments/domain/enrolment';
import { TOTP_FACTOR_STORE, type TotpFactorStore } from '../totp/totp-factor-store.port';
import { passwordRouteOf, type PasswordRoute } from './domain/password-route';

/**
 * The route the enrolment's password takes: with the app when the account's TOTP factor was
 * confirmed in this enrolment, alone otherwise; undefined when that would be below the minimum.
 */
@Injectable()
export class ChoosePasswordRoute {
  constructor(@Inject(TOTP_FACTOR_STORE) private readonly factors: TotpFactorStore) {}

  async execute(enrolment: Enrolment): Promise<PasswordRoute | undefined> {
    const factor = await this.factors.find(enrolment.legacyAccountId);
    const confirmed = factor?.journeyId === enrolment.journeyId && factor.confirmedAt !== undefined;
    return passwordRouteOf(confirmed, enrolment.minimumAssurance);
  }
}
