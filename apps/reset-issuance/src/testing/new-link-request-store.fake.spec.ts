import { describeNewLinkRequestStoreContract } from './new-link-request-store.contract';
import { FakeNewLinkRequestStore } from './new-link-request-store.fake';

describeNewLinkRequestStoreContract('FakeNewLinkRequestStore', async () => {
  const store = new FakeNewLinkRequestStore();
  return {
    store,
    requestsFor: async (contactHash) =>
      store
        .requestsFor(contactHash)
        .map((request) => ({ ...request, legacyAccountId: null, processed: false })),
  };
});
