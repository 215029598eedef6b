import { Module } from '@nestjs/common';

/** Re-enrols migrated customers onto passkeys, TOTP or a new password. */
@Module({})
export class EnrollmentModule {}
