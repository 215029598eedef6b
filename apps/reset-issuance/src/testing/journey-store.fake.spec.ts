import { randomUUID } from 'node:crypto';
import { describeJourneyStoreContract } from './journey-store.contract';
import { FakeJourneyStore } from './journey-store.fake';

describeJourneyStoreContract('FakeJourneyStore', async () => {
  const store = new FakeJourneyStore();
  return {
    store,
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
