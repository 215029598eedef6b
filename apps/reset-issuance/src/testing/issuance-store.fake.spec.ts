import { randomUUID } from 'node:crypto';
import { describeIssuanceStoreContract } from './issuance-store.contract';
import { FakeIssuanceStore } from './issuance-store.fake';

describeIssuanceStoreContract('FakeIssuanceStore', async () => {
  const store = new FakeIssuanceStore();
  return {
    store,
    launchedWave: async (wave) => {
      const id = randomUUID();
      store.addLaunchedWave({ id, ...wave });
      return id;
    },
    addAccount: async (legacyAccountId, contacts) => store.addAccount(legacyAccountId, contacts),
    addJourney: async (waveId, legacyAccountId, status) => {
      const id = randomUUID();
      store.addJourney(id, waveId, legacyAccountId, status);
      return id;
    },
    closeJourney: async (journeyId) => {
      const journey = store.journeys.get(journeyId);
      if (journey) journey.status = 'handed_off';
    },
    placeHold: async (legacyAccountId) => store.hold(legacyAccountId),
    requestReissue: async (legacyAccountId) => store.requestReissue({ legacyAccountId }),
    tokens: async () =>
      store.tokens.map((token) => ({
        id: token.id,
        legacyAccountId: token.legacyAccountId,
        status: token.status,
        sealed: token.sealedToken !== undefined,
        ...(token.deliveredAt ? { deliveredAt: token.deliveredAt } : {}),
        ...(token.supersededBy ? { supersededBy: token.supersededBy } : {}),
      })),
    journeyStatus: async (journeyId) => store.journeys.get(journeyId)?.status,
    reissueOutcomes: async () => store.reissueOutcomes().map((outcome) => outcome ?? ''),
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
