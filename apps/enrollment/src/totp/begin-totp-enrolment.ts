import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { Enrolment } from '../enrolments/domain/enrolment';
import { newTotpSecret } from './domain/totp-secret';
import type { TotpSecretSealer } from './domain/totp-secret-sealing';
import { TOTP_FACTOR_STORE, type TotpFactorStore } from './totp-factor-store.port';
import { TOTP_SECRET_SEALER } from './totp-sealing-keys';
import { totpSetUpOf, type TotpSetUp } from './totp-set-up';
import type { TotpConfig } from './totp.environment';

export type TotpBeginning =
  /** The customer confirmed the app in this enrolment already: on to the password. */
  { kind: 'confirmed' } | { kind: 'pending'; setUp: TotpSetUp };

/**
 * A new pending secret for the enrolment's account, sealed before it is stored, and what the page
 * shows of it. Every visit makes a new one (a reload too): a secret shown is never read back for
 * showing again, except to re-show the form after a refused code.
 */
@Injectable()
export class BeginTotpEnrolment {
  constructor(
    @Inject(TOTP_FACTOR_STORE) private readonly factors: TotpFactorStore,
    @Inject(TOTP_SECRET_SEALER) private readonly sealer: TotpSecretSealer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: TotpConfig,
  ) {}

  async execute(enrolment: Enrolment): Promise<TotpBeginning> {
    const secret = newTotpSecret(randomBytes);
    const sealedSecret = this.sealer.seal(enrolment.legacyAccountId, secret);
    const saved = await this.factors.savePending({
      legacyAccountId: enrolment.legacyAccountId,
      journeyId: enrolment.journeyId,
      sealedSecret,
      keyId: this.sealer.activeKeyId,
      createdAt: this.clock.now(),
    });
    if (!saved) return { kind: 'confirmed' };
    return { kind: 'pending', setUp: await totpSetUpOf(secret, this.config.TOTP_ISSUER) };
  }
}
