import { Module } from '@nestjs/common';
import { HoldsModule } from './holds/holds.module';
import { PasskeysModule } from './passkeys/passkeys.module';
import { SessionsModule } from './sessions/sessions.module';

/** Re-enrols migrated customers onto passkeys, TOTP or a new password. */
@Module({
  imports: [HoldsModule, SessionsModule, PasskeysModule],
})
export class EnrollmentModule {}
