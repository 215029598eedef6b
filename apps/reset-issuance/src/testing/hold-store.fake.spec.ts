import { describeHoldStoreContract } from './hold-store.contract';
import { FakeHoldStore } from './hold-store.fake';

describeHoldStoreContract('FakeHoldStore', async () => {
  const store = new FakeHoldStore();
  return {
    store,
    knowAccount: async (legacyAccountId) => store.knowAccount(legacyAccountId),
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
