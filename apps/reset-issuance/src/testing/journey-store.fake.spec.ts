import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { describeJourneyStoreContract } from './journey-store.contract';
import { FakeJourneyStore } from './journey-store.fake';

describeJourneyStoreContract('FakeJourneyStore', async () => {
  const store = new FakeJourneyStore();
  return {
    store,
    // The fake stores each change at once; no manager is ever read.
    inTransaction: (work) => work({} as EntityManager),
    addJourney: async (status) => {
      const at = new Date(Date.UTC(2026, 11, 18, 9, 0));
      const journey = {
        id: randomUUID(),
        waveId: randomUUID(),
        legacyAccountId: `legacy-${randomUUID()}`,
        status,
        createdAt: at,
        updatedAt: at,
      };
      store.add(journey);
      return journey;
    },
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
