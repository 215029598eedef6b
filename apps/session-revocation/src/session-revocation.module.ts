import { Module } from '@nestjs/common';
import { RevocationChecksModule } from './checks/revocation-checks.module';
import { ResyncModule } from './resync/resync.module';
import { RevocationsModule } from './revocations/revocations.module';

/**
 * Revokes legacy sessions and retires the legacy login once enrolment completes, and answers
 * downstream applications' revocation checks; operators re-sync a wave with the legacy system.
 */
@Module({ imports: [RevocationsModule, RevocationChecksModule, ResyncModule] })
export class SessionRevocationModule {}
