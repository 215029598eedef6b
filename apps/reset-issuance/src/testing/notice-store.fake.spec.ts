import { randomUUID } from 'node:crypto';
import { describeNoticeStoreContract } from './notice-store.contract';
import { FakeNoticeStore } from './notice-store.fake';

describeNoticeStoreContract('FakeNoticeStore', async () => {
  const store = new FakeNoticeStore();
  return {
    store,
    addJourney: async (wave, contacts) => {
      const journey = {
        journeyId: randomUUID(),
        waveId: randomUUID(),
        legacyAccountId: `legacy-${randomUUID()}`,
      };
      store.addJourney({ ...journey, status: 'awaiting_issue', ...wave, contacts });
      return journey;
    },
    addNotice: async (journey, kind, dueAt) => {
      const id = randomUUID();
      store.addNotice({ id, kind, journeyId: journey.journeyId, dueAt });
      return id;
    },
    placeHold: async (legacyAccountId) => store.hold(legacyAccountId),
    noticeStatus: async (noticeId) => store.notices.find((notice) => notice.id === noticeId)?.status,
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
