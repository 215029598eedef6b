import { randomUUID } from 'node:crypto';
import { createEvent, ResetStepUpPassedV1, type RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import type { Journey } from '../journeys/domain/journey';
import type { JourneyStatus } from '../journeys/domain/journey-status';
import { transition } from '../journeys/domain/journey-transitions';
import { InvalidJourneyTransition, JourneyNotFound } from '../journeys/domain/journey.errors';
import type { JourneyStore } from '../journeys/journey-store.port';

/** A journey store to test, and the things the port cannot do itself. */
export interface JourneyStoreUnderTest {
  store: JourneyStore;
  /** Runs `work` in a transaction of the store's database that commits when it resolves. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** A journey of a launched wave already in `status` (rows of its wave and account for the adapter). */
  addJourney(status: JourneyStatus): Promise<Journey>;
  /** The ids of the events stored with the changes, in order. */
  storedEventIds(): Promise<string[]>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 18, 9, minute));

function passed(journey: Journey, now: Date): RekeyEvent {
  return createEvent(
    ResetStepUpPassedV1,
    {
      legacyAccountId: journey.legacyAccountId,
      waveId: journey.waveId,
      journeyId: journey.id,
      method: 'one_time_passcode',
    },
    { source: 'reset-issuance', subject: journey.legacyAccountId, journeyId: journey.id },
    () => now,
  );
}

/**
 * What every JourneyStore does, whatever stores the journeys: run it against the fake in a unit
 * spec and against the PostgreSQL adapter in an integration spec.
 */
export function describeJourneyStoreContract(
  name: string,
  setUp: () => Promise<JourneyStoreUnderTest>,
): void {
  describe(`${name} honours the JourneyStore contract`, () => {
    let subject: JourneyStoreUnderTest;

    beforeEach(async () => {
      subject = await setUp();
    });

    it('gives the change the stored journey, then stores its status and events together', async () => {
      const journey = await subject.addJourney('step_up_required');
      const seen: Journey[] = [];
      const event = passed(journey, at(5));

      const stored = await subject.store.update(journey.id, (current) => {
        seen.push(current);
        return { journey: transition(current, { type: 'step_up_passed' }, at(5)), events: [event] };
      });

      expect(seen).toEqual([journey]);
      expect(stored).toEqual({ ...journey, status: 'stepped_up', updatedAt: at(5) });
      expect(await subject.store.find(journey.id)).toEqual(stored);
      expect(await subject.storedEventIds()).toContain(event.id);
    });

    it('stores nothing when the change refuses: the status and the outbox stay as they were', async () => {
      const journey = await subject.addJourney('expired');
      const event = passed(journey, at(5));

      const refused = subject.store.update(journey.id, (current) => ({
        journey: transition(current, { type: 'step_up_passed' }, at(5)),
        events: [event],
      }));

      await expect(refused).rejects.toThrow(InvalidJourneyTransition);
      await expect(refused).rejects.toMatchObject({ code: 'journey.invalid-transition' });
      expect(await subject.store.find(journey.id)).toEqual(journey);
      expect(await subject.storedEventIds()).not.toContain(event.id);
    });

    it('refuses an unknown journey without running the change', async () => {
      const change = jest.fn();

      await expect(subject.store.update(randomUUID(), change)).rejects.toThrow(JourneyNotFound);
      expect(change).not.toHaveBeenCalled();
      expect(await subject.store.find(randomUUID())).toBeUndefined();
    });

    it('moves only the status and its time, whatever else the change returns', async () => {
      const journey = await subject.addJourney('issued');

      const stored = await subject.store.update(journey.id, (current) => ({
        journey: { ...transition(current, { type: 'link_expired' }, at(9)), waveId: randomUUID() },
        events: [],
      }));

      expect(stored).toEqual({ ...journey, status: 'expired', updatedAt: at(9) });
      expect(await subject.store.find(journey.id)).toEqual(stored);
    });

    it("changes a journey inside the caller's transaction as update does", async () => {
      const journey = await subject.addJourney('redeemed');

      const stored = await subject.inTransaction((manager) =>
        subject.store.updateIn(manager, journey.id, (current) => ({
          journey: transition(current, { type: 'handed_off' }, at(6)),
          events: [],
        })),
      );

      expect(stored).toEqual({ ...journey, status: 'handed_off', updatedAt: at(6) });
      expect(await subject.store.find(journey.id)).toEqual(stored);
    });

    it("refuses inside the caller's transaction as update does, storing nothing", async () => {
      const journey = await subject.addJourney('issued');
      const event = passed(journey, at(6));

      const refused = subject.inTransaction((manager) =>
        subject.store.updateIn(manager, journey.id, (current) => ({
          journey: transition(current, { type: 'handed_off' }, at(6)),
          events: [event],
        })),
      );

      await expect(refused).rejects.toThrow(InvalidJourneyTransition);
      expect(await subject.store.find(journey.id)).toEqual(journey);
      expect(await subject.storedEventIds()).not.toContain(event.id);
      await expect(
        subject.inTransaction((manager) =>
          subject.store.updateIn(manager, randomUUID(), (current) => ({ journey: current, events: [] })),
        ),
      ).rejects.toThrow(JourneyNotFound);
    });

    it('runs concurrent changes of one journey one after the other, each on the last one stored', async () => {
      const journey = await subject.addJourney('issued');
      const change = (type: 'link_redeemed' | 'link_expired') =>
        subject.store.update(journey.id, (current) => ({
          journey: transition(current, { type }, at(7)),
          events: [],
        }));

      const outcomes = await Promise.allSettled([change('link_redeemed'), change('link_expired')]);

      const done = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(done).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidJourneyTransition);
      expect((await subject.store.find(journey.id))?.status).toBe(
        (done[0] as PromiseFulfilledResult<Journey>).value.status,
      );
    });
  });
}
