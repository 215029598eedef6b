import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { LegacySystemModule } from '../legacy-system/legacy-system.module';
import { PgResyncStore } from './adapters/pg-resync-store.adapter';
import { ResyncController } from './resync.controller';
import { resyncProblemTypes } from './resync.errors';
import { RESYNC_STORE } from './resync-store.port';
import { ResyncWorker } from './resync-worker';
import { RunDueResyncs } from './run-due-resyncs';
import { StartResync } from './start-resync';

registerProblemTypes(resyncProblemTypes);

/** Operators' re-sync of a wave with the legacy system: durable runs, one worker loop. */
@Module({
  imports: [LegacySystemModule],
  controllers: [ResyncController],
  providers: [
    { provide: RESYNC_STORE, useClass: PgResyncStore },
    { provide: CLOCK, useValue: systemClock },
    StartResync,
    RunDueResyncs,
    ResyncWorker,
  ],
})
export class ResyncModule {}
