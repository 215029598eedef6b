import { describeEligibleAccountStoreContract } from './eligible-account-store.contract';
import { FakeEligibleAccountStore } from './eligible-account-store.fake';

describeEligibleAccountStoreContract('FakeEligibleAccountStore', async () => {
  const store = new FakeEligibleAccountStore();
  return {
    store,
    inTransaction: (work) => store.transaction(work),
    storedAccount: async (legacyAccountId) => store.find(legacyAccountId),
    accountsWithContact: async (contactHash) => store.accountsWithContact(contactHash),
  };
});
