import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { PgHoldStore } from '../holds/adapters/pg-hold-store.adapter';
import { HOLD_STORE } from '../holds/hold-store.port';
import { HoldsConsumer } from '../holds/holds.consumer';
import { RunDueHoldActions } from '../holds/run-due-hold-actions';
import { LegacyWorker } from '../legacy-work/legacy-worker';
import { LegacySystemModule } from '../legacy-system/legacy-system.module';
import { PgRevocationStore } from './adapters/pg-revocation-store.adapter';
import { RevocationQueries } from './revocation-queries';
import { REVOCATION_STORE } from './revocation-store.port';
import { RevocationConsumer } from './revocation.consumer';
import { RevocationsController } from './revocations.controller';
import { revocationProblemTypes } from './revocations.problem-types';
import { RunDueRevocations } from './run-due-revocations';

registerProblemTypes(revocationProblemTypes);

/**
 * Completed enrolments on verified links, and holds, become durable work that one worker carries
 * out at the legacy system; operators read where each stands.
 */
@Module({
  imports: [LegacySystemModule],
  controllers: [RevocationConsumer, HoldsConsumer, RevocationsController],
  providers: [
    { provide: REVOCATION_STORE, useClass: PgRevocationStore },
    { provide: HOLD_STORE, useClass: PgHoldStore },
    { provide: CLOCK, useValue: systemClock },
    RunDueRevocations,
    RunDueHoldActions,
    RevocationQueries,
    LegacyWorker,
  ],
})
export class RevocationsModule {}
