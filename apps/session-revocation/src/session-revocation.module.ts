import { Module } from '@nestjs/common';
import { RevocationChecksModule } from './checks/revocation-checks.module';
import { RevocationsModule } from './revocations/revocations.module';

/**
 * Revokes legacy sessions and retires the legacy login once enrolment completes, and answers
 * downstream applications' revocation checks.
 */
@Module({ imports: [RevocationsModule, RevocationChecksModule] })
export class SessionRevocationModule {}
