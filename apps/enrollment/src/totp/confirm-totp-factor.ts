import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { Enrolment } from '../enrolments/domain/enrolment';
import { enrolmentFailed } from '../enrolments/domain/enrolment-events';
import { ENROLMENT_EVENTS, type EnrolmentEvents } from '../enrolments/enrolment-events.port';
import { verifyTotpCode, type TotpRefusal } from './domain/totp-verification';
import type { TotpSecretSealer } from './domain/totp-secret-sealing';
import { TOTP_FACTOR_STORE, type TotpFactorStore } from './totp-factor-store.port';
import { TOTP_SECRET_SEALER } from './totp-sealing-keys';
import { totpSetUpOf, type TotpSetUp } from './totp-set-up';
import type { TotpConfig } from './totp.environment';

export type TotpConfirmation =
  | { kind: 'confirmed' }
  /** No factor of this enrolment's to confirm (it was replaced, or never made): start again. */
  | { kind: 'no_factor' }
  /**
   * The code was refused. `setUp` is the pending secret again, for the form to show it with the
   * refusal; absent once the factor is confirmed, whose secret is never shown again.
   */
  | { kind: 'refused'; refusal: TotpRefusal; setUp?: TotpSetUp };

/**
 * Checks the code the customer typed against the account's factor (±1 step), and confirms the
 * factor by storing the code's step with a conditional update: a code accepted once, or by a
 * request racing this one, is refused as reused. Refusals publish `totp_invalid`, never the code.
 */
@Injectable()
export class ConfirmTotpFactor {
  constructor(
    @Inject(TOTP_FACTOR_STORE) private readonly factors: TotpFactorStore,
    @Inject(TOTP_SECRET_SEALER) private readonly sealer: TotpSecretSealer,
    @Inject(ENROLMENT_EVENTS) private readonly events: EnrolmentEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: TotpConfig,
  ) {}

  async execute(enrolment: Enrolment, code: unknown): Promise<TotpConfirmation> {
    const factor = await this.factors.find(enrolment.legacyAccountId);
    if (!factor || factor.journeyId !== enrolment.journeyId) return { kind: 'no_factor' };
    const secret = this.sealer.open(enrolment.legacyAccountId, factor.sealedSecret);
    const now = this.clock.now();
    const verification = verifyTotpCode(secret, typeof code === 'string' ? code : '', {
      now,
      lastUsedStep: factor.lastUsedStep,
    });
    let refusal: TotpRefusal;
    if (verification.accepted) {
      if (
        await this.factors.useStep(enrolment.legacyAccountId, factor.sealedSecret, verification.step, now)
      ) {
        return { kind: 'confirmed' };
      }
      // Another request spent this step (or a later one) first, or the factor was replaced.
      refusal = 'totp.code-reused';
    } else {
      refusal = verification.refusal;
    }
    await this.events.record([enrolmentFailed(enrolment, 'totp_invalid', now, 'totp')]);
    const confirmed = factor.confirmedAt !== undefined || refusal === 'totp.code-reused';
    return confirmed
      ? { kind: 'refused', refusal }
      : { kind: 'refused', refusal, setUp: await totpSetUpOf(secret, this.config.TOTP_ISSUER) };
  }
}
