import { Module } from '@nestjs/common';
import { RevocationsModule } from './revocations/revocations.module';

/** Revokes legacy sessions and retires the legacy login once enrolment completes. */
@Module({ imports: [RevocationsModule] })
export class SessionRevocationModule {}
