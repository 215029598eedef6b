import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import type { EnrollmentCompletedV1, EventOf } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import type { Journey } from './domain/journey';
import { transition } from './domain/journey-transitions';
import { JourneyOfAnotherAccount } from './domain/journey.errors';
import { JOURNEY_STORE, type JourneyStore } from './journey-store.port';

/**
 * Enrollment took the journey over: the customer enrolled on the target account, so the journey
 * closes (`handed_off`) and nothing here sends it another link. The transition table decides: a
 * journey that never reached enrollment (not redeemed, or not stepped up) is refused with
 * `journey.invalid-transition`, and its event dead-lettered. Enrollment's own event announces the
 * hand-off, so the change stores no event of its own.
 */
@Injectable()
export class HandOffJourney {
  constructor(
    @Inject(JOURNEY_STORE) private readonly journeys: JourneyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** In the consumer's inbox transaction, so a redelivered completion is a no-op. */
  execute(event: EventOf<typeof EnrollmentCompletedV1>, manager: EntityManager): Promise<Journey> {
    const { journeyId, legacyAccountId, waveId } = event.data;
    return this.journeys.updateIn(manager, journeyId, (journey) => {
      if (journey.legacyAccountId !== legacyAccountId || journey.waveId !== waveId) {
        throw new JourneyOfAnotherAccount(journeyId);
      }
      // A later completion of a journey already handed off (a re-enrolment) changes nothing.
      if (journey.status === 'handed_off') return { journey, events: [] };
      return { journey: transition(journey, { type: 'handed_off' }, this.clock.now()), events: [] };
    });
  }
}
