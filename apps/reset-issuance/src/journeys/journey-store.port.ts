import type { RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
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
  /**
   * As `update`, inside the caller's transaction (a consumer's inbox transaction): the change
   * commits with the caller's own rows, or rolls back with them.
   */
  updateIn(
    manager: EntityManager,
    journeyId: string,
    change: (journey: Journey) => JourneyChange,
  ): Promise<Journey>;
  find(journeyId: string): Promise<Journey | undefined>;
}
