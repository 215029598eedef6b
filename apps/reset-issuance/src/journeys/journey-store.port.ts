import type { RekeyEvent } from '@rekey/contracts';
import type { Journey } from './domain/journey';

export const JOURNEY_STORE = Symbol('JourneyStore');

/** What a change of one journey gives back: the journey to store and the events announcing it. */
export interface JourneyChange {
  journey: Journey;
  events: RekeyEvent[];
}

/** The journeys of reset-issuance's database; a change and its events commit together. */
export interface JourneyStore {
  /**
   * Runs `change` on the journey under its row lock, then stores the journey's new status and the
   * events together. Throws JourneyNotFound for an unknown id; whatever `change` throws (such as
   * InvalidJourneyTransition) stores nothing.
   */
  update(journeyId: string, change: (journey: Journey) => JourneyChange): Promise<Journey>;
  find(journeyId: string): Promise<Journey | undefined>;
}
