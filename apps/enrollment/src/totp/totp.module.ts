import { Module } from '@nestjs/common';
import { registerProblemTypes } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { SessionsModule } from '../sessions/sessions.module';
import { PgTotpFactorStore } from './adapters/pg-totp-factor-store.adapter';
import { BeginTotpEnrolment } from './begin-totp-enrolment';
import { ConfirmTotpFactor } from './confirm-totp-factor';
import { TOTP_FACTOR_STORE } from './totp-factor-store.port';
import { loadTotpSecretSealer, TOTP_SECRET_SEALER } from './totp-sealing-keys';
import { TotpController } from './totp.controller';
import type { TotpConfig } from './totp.environment';
import { totpProblemTypes } from './totp.problem-types';

registerProblemTypes(totpProblemTypes);

/** The authenticator-app factor: its page, its sealed secrets, the codes that confirm it. */
@Module({
  imports: [SessionsModule, EnrolmentsModule],
  controllers: [TotpController],
  providers: [
    BeginTotpEnrolment,
    ConfirmTotpFactor,
    { provide: TOTP_FACTOR_STORE, useClass: PgTotpFactorStore },
    // Read once while the service starts: a missing production key stops the start-up.
    {
      provide: TOTP_SECRET_SEALER,
      useFactory: (config: TotpConfig) => loadTotpSecretSealer(config),
      inject: [SERVICE_CONFIG],
    },
  ],
  exports: [TOTP_FACTOR_STORE, TOTP_SECRET_SEALER],
})
export class TotpModule {}
