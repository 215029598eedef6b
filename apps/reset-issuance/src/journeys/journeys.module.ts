import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { PgJourneyStore } from './adapters/pg-journey-store.adapter';
import { EnrollmentHandOffConsumer } from './enrollment-hand-off.consumer';
import { HandOffJourney } from './hand-off-journey';
import { JOURNEY_STORE } from './journey-store.port';

/**
 * The journey's home: its store (a module that changes one journey imports this module and
 * injects JOURNEY_STORE) and the hand-off to enrollment. Batch writers use
 * adapters/journey-batch-statements.sql.ts in their own transactions instead.
 */
@Module({
  controllers: [EnrollmentHandOffConsumer],
  providers: [
    { provide: JOURNEY_STORE, useClass: PgJourneyStore },
    HandOffJourney,
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [JOURNEY_STORE],
})
export class JourneysModule {}
