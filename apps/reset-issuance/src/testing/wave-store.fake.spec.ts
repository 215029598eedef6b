import { describeWaveStoreContract } from './wave-store.contract';
import { FakeWaveStore } from './wave-store.fake';

describeWaveStoreContract('FakeWaveStore', async () => {
  const store = new FakeWaveStore();
  return {
    store,
    addEligibleAccount: async (legacyAccountId, segment, band) =>
      store.addEligibleAccount(legacyAccountId, segment, band),
    scheduledNotices: async (waveId) =>
      store.notices
        .filter((notice) => notice.waveId === waveId)
        .map(({ legacyAccountId, kind, dueAt }) => ({ legacyAccountId, kind, dueAt })),
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
