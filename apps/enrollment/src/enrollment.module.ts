import { Module } from '@nestjs/common';
import { ContactsModule } from './contacts/contacts.module';
import { EnrolmentReportsModule } from './enrolment-reports/enrolment-reports.module';
import { HoldsModule } from './holds/holds.module';
import { NoticesModule } from './notices/notices.module';
import { PasskeysModule } from './passkeys/passkeys.module';
import { PasswordEnrolmentModule } from './passwords/password-enrolment.module';
import { PasswordsModule } from './passwords/passwords.module';
import { RecoveryCodesModule } from './recovery-codes/recovery-codes.module';
import { SessionsModule } from './sessions/sessions.module';
import { SignInModule } from './sign-in/sign-in.module';
import { SignInLocksModule } from './sign-in-locks/sign-in-locks.module';
import { TotpModule } from './totp/totp.module';

/** Re-enrols migrated customers onto passkeys, TOTP or a new password. */
@Module({
  imports: [
    HoldsModule,
    SessionsModule,
    PasskeysModule,
    TotpModule,
    PasswordsModule,
    PasswordEnrolmentModule,
    RecoveryCodesModule,
    EnrolmentReportsModule,
    ContactsModule,
    NoticesModule,
    SignInModule,
    SignInLocksModule,
  ],
})
export class EnrollmentModule {}
