import { Module } from '@nestjs/common';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { HoldsModule } from '../holds/holds.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TotpModule } from '../totp/totp.module';
import { PgPasswordEnrolmentStore } from './adapters/pg-password-enrolment-store.adapter';
import { ChoosePasswordRoute } from './choose-password-route';
import { FinishPasswordEnrolment } from './finish-password-enrolment';
import { PASSWORD_ENROLMENT_STORE } from './password-enrolment-store.port';
import { PasswordsController } from './passwords.controller';
import { PasswordsModule } from './passwords.module';

/**
 * The password page of enrolment. Kept apart from PasswordsModule (the hasher and the blocklist),
 * which sign-in imports too without the enrolment pages.
 */
@Module({
  imports: [PasswordsModule, SessionsModule, HoldsModule, EnrolmentsModule, TotpModule],
  controllers: [PasswordsController],
  providers: [
    ChoosePasswordRoute,
    FinishPasswordEnrolment,
    { provide: PASSWORD_ENROLMENT_STORE, useClass: PgPasswordEnrolmentStore },
  ],
})
export class PasswordEnrolmentModule {}
