import { randomUUID } from 'node:crypto';
import { hashResetCode, resetCodeOf } from '../tokens/domain/reset-code';
import { generateResetToken, hashResetToken } from '../tokens/domain/reset-token';
import { describeRedemptionStoreContract } from './redemption-store.contract';
import { FakeRedemptionStore } from './redemption-store.fake';

describeRedemptionStoreContract('FakeRedemptionStore', async () => {
  const store = new FakeRedemptionStore();
  return {
    store,
    seedToken: async (seed = {}) => {
      const token = generateResetToken();
      const legacyAccountId = `legacy-${randomUUID()}`;
      const seeded = {
        tokenId: randomUUID(),
        journeyId: randomUUID(),
        legacyAccountId,
        waveId: randomUUID(),
        targetAccountId: `target-${legacyAccountId}`,
        enrolment: {
          wave: { cutoffAt: new Date(Date.now() + 7 * 86_400_000) },
          account: { segment: 'standard', segments: ['standard'] },
        },
        byToken: { kind: 'token' as const, hash: hashResetToken(token) },
        byCode: { kind: 'code' as const, hash: hashResetCode(resetCodeOf(token)) },
      };
      store.addToken({
        tokenId: seeded.tokenId,
        journeyId: seeded.journeyId,
        legacyAccountId,
        waveId: seeded.waveId,
        targetAccountId: seeded.targetAccountId,
        status: seed.status ?? 'live',
        channelKind: 'email',
        fraudFlagged: seed.fraudFlagged ?? false,
        segments: ['standard'],
        verifiedContacts: [{ kind: 'email', value: `${legacyAccountId}@example.test` }],
        enrolment: seeded.enrolment,
        tokenHash: seeded.byToken.hash,
        codeHash: seeded.byCode.hash,
        expiresAt: new Date(Date.now() + (seed.expiresInMinutes ?? 30) * 60_000),
      });
      return seeded;
    },
    placeHold: async (legacyAccountId) => store.hold(legacyAccountId),
    tokenStatus: async (tokenId) => store.tokenStatus(tokenId),
    journeyStatus: async (journeyId) => store.journeyStatuses.get(journeyId),
    storedEventIds: async () => store.events.map((event) => event.id),
  };
});
