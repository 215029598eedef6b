import { Module } from '@nestjs/common';
import { EnrolmentReportsModule } from './enrolment-reports/enrolment-reports.module';
import { HoldsModule } from './holds/holds.module';
import { PasskeysModule } from './passkeys/passkeys.module';
import { SessionsModule } from './sessions/sessions.module';

/** Re-enrols migrated customers onto passkeys, TOTP or a new password. */
@Module({
  imports: [HoldsModule, SessionsModule, PasskeysModule, EnrolmentReportsModule],
})
export class EnrollmentModule {}
