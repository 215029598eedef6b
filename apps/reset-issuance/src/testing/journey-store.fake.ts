import type { RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import type { Journey } from '../journeys/domain/journey';
import { JourneyNotFound } from '../journeys/domain/journey.errors';
import type { JourneyChange, JourneyStore } from '../journeys/journey-store.port';

/**
 * Journeys kept in memory, honouring the PostgreSQL adapter's contract (journey-store.contract.ts):
 * the change and its events stored together or not at all, only the status and its time moving.
 */
export class FakeJourneyStore implements JourneyStore {
  private readonly journeys = new Map<string, Journey>();
  /** The events stored with each change, in order. */
  readonly events: RekeyEvent[] = [];

  /** A journey already in the database (a launched wave's row, for the adapter). */
  add(journey: Journey): void {
    this.journeys.set(journey.id, structuredClone(journey));
  }

  // Nothing awaits between reading the journey and storing the change: like the adapter's row
  // lock, concurrent changes of one journey see each other's result.
  async update(journeyId: string, change: (journey: Journey) => JourneyChange): Promise<Journey> {
    const current = this.journeys.get(journeyId);
    if (!current) throw new JourneyNotFound(journeyId);
    const { journey, events } = change(structuredClone(current));
    const stored = { ...current, status: journey.status, updatedAt: journey.updatedAt };
    this.journeys.set(journeyId, stored);
    this.events.push(...events);
    return structuredClone(stored);
  }

  /** The caller's transaction is the fake's own: the change is stored at once, as `update` does. */
  updateIn(
    _manager: EntityManager,
    journeyId: string,
    change: (journey: Journey) => JourneyChange,
  ): Promise<Journey> {
    return this.update(journeyId, change);
  }

  async find(journeyId: string): Promise<Journey | undefined> {
    const journey = this.journeys.get(journeyId);
    return journey && structuredClone(journey);
  }
}
