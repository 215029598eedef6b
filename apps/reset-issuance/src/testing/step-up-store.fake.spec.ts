import { randomUUID } from 'node:crypto';
import { describeStepUpStoreContract } from './step-up-store.contract';
import { FakeStepUpStore } from './step-up-store.fake';

describeStepUpStoreContract('FakeStepUpStore', async () => {
  const store = new FakeStepUpStore();
  return {
    store,
    addJourney: async (status) => {
      const at = new Date(Date.UTC(2026, 11, 18, 9, 0));
      const legacyAccountId = `legacy-${randomUUID()}`;
      const journey = {
        id: randomUUID(),
        waveId: randomUUID(),
        legacyAccountId,
        status,
        createdAt: at,
        updatedAt: at,
        targetAccountId: `target-${legacyAccountId}`,
        enrolment: {
          wave: { cutoffAt: new Date(Date.UTC(2026, 11, 25, 9, 0)) },
          account: { segment: 'privileged', segments: ['privileged'] },
        },
      };
      const { targetAccountId, enrolment, ...stored } = journey;
      store.addJourney(stored, targetAccountId, enrolment);
      return journey;
    },
    open: async (challenge) => store.open(challenge),
    moveJourney: async (journeyId, status) => store.moveJourney(journeyId, status),
    journeyStatus: async (journeyId) => store.journey(journeyId)?.status,
    grantIds: async (journeyId) =>
      store.grants.filter((grant) => grant.journeyId === journeyId).map((grant) => grant.jti),
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
