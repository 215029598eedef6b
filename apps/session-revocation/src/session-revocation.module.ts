import { Module } from '@nestjs/common';

/** Revokes legacy sessions and retires the legacy login once enrolment completes. */
@Module({})
export class SessionRevocationModule {}
