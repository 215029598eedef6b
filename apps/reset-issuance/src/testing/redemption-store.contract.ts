import { randomUUID } from 'node:crypto';
import {
  createEvent,
  ResetRedemptionFailedV1,
  ResetTokenRedeemedV1,
  type RekeyEvent,
} from '@rekey/contracts';
import type {
  LookUpCounting,
  PresentedCredential,
  RedemptionStore,
} from '../redemption/redemption-store.port';
import type { ResetTokenStatus } from '../tokens/domain/reset-token';
import type { EnrolmentContext } from '../waves/domain/enrolment-policy';

export interface SeededToken {
  tokenId: string;
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  targetAccountId: string;
  /** What the seeded wave and account give the grant (a standard account, no policy). */
  enrolment: EnrolmentContext;
  byToken: PresentedCredential;
  byCode: PresentedCredential;
}

export interface TokenToSeed {
  status?: ResetTokenStatus;
  /** Negative for a token already past its expiry. */
  expiresInMinutes?: number;
  fraudFlagged?: boolean;
}

/** A redemption store to test, and what the port cannot do itself: seed tokens and read state back. */
export interface RedemptionStoreUnderTest {
  store: RedemptionStore;
  /** A token of a journey of its own (status `issued`), an email link, on an account of its own. */
  seedToken(token?: TokenToSeed): Promise<SeededToken>;
  placeHold(legacyAccountId: string): Promise<void>;
  tokenStatus(tokenId: string): Promise<string | undefined>;
  journeyStatus(journeyId: string): Promise<string | undefined>;
  storedEventIds(): Promise<string[]>;
}

const client = { ipAddress: '203.0.113.7' };

function counting(): LookUpCounting {
  const run = randomUUID();
  return {
    windowStart: new Date(Date.UTC(2026, 11, 18, 9, 0)),
    addressKeys: [`ip:${run}`, `net:${run}`],
    accountKeyPrefix: `account:${run}:`,
    globalKey: `global:${run}`,
  };
}

function failed(): RekeyEvent[] {
  return [
    createEvent(
      ResetRedemptionFailedV1,
      { reason: 'unknown', client },
      { source: 'reset-issuance', subject: client.ipAddress },
    ),
  ];
}

function redeemed(token: SeededToken): RekeyEvent[] {
  const data = {
    legacyAccountId: token.legacyAccountId,
    waveId: token.waveId,
    journeyId: token.journeyId,
    issuanceId: token.tokenId,
    client,
    next: 'enrollment' as const,
  };
  return [
    createEvent(ResetTokenRedeemedV1, data, { source: 'reset-issuance', subject: token.legacyAccountId }),
  ];
}

const unknownCredential = (): PresentedCredential => ({ kind: 'token', hash: Buffer.from(randomUUID()) });

/**
 * What every RedemptionStore does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. Each case seeds its own tokens and counts under its own keys.
 */
export function describeRedemptionStoreContract(
  name: string,
  setUp: () => Promise<RedemptionStoreUnderTest>,
): void {
  describe(`${name} honours the RedemptionStore contract`, () => {
    let subject: RedemptionStoreUnderTest;

    beforeEach(async () => {
      subject = await setUp();
    });

    it('finds a live token by its token and by its code, counting the addresses and its account', async () => {
      const token = await subject.seedToken({ fraudFlagged: true });
      const keys = counting();
      const accountKey = `${keys.accountKeyPrefix}${token.legacyAccountId}`;

      const first = await subject.store.lookUp(token.byToken, keys);
      const second = await subject.store.lookUp(token.byCode, keys);

      expect(first.token).toEqual({
        tokenId: token.tokenId,
        journeyId: token.journeyId,
        legacyAccountId: token.legacyAccountId,
        waveId: token.waveId,
        status: 'live',
        channelKind: 'email',
        expired: false,
        held: false,
        fraudFlagged: true,
        targetAccountId: token.targetAccountId,
        segments: ['standard'],
        verifiedContacts: [{ kind: 'email', value: `${token.legacyAccountId}@example.test` }],
        enrolment: token.enrolment,
      });
      expect(second.token).toEqual(first.token);
      expect(first.resolvedKey).toBe(accountKey);
      expect(first.hits).toEqual(new Map([...keys.addressKeys, accountKey].map((key) => [key, 1])));
      expect(second.hits).toEqual(new Map([...keys.addressKeys, accountKey].map((key) => [key, 2])));
    });

    it('counts an unknown credential on the global counter and returns no token', async () => {
      const keys = counting();

      const looked = await subject.store.lookUp(unknownCredential(), keys);

      expect(looked.token).toBeUndefined();
      expect(looked.resolvedKey).toBe(keys.globalKey);
      expect(looked.hits.get(keys.globalKey)).toBe(1);
    });

    it.each<[string, TokenToSeed, boolean]>([
      ['a used', { status: 'redeemed' }, false],
      ['a superseded', { status: 'superseded' }, false],
      ['an expired', { expiresInMinutes: -1 }, false],
      ['a held', {}, true],
    ])('counts %s token as an unknown one, on the global counter', async (_kind, seed, hold) => {
      const token = await subject.seedToken(seed);
      if (hold) await subject.placeHold(token.legacyAccountId);
      const keys = counting();

      const looked = await subject.store.lookUp(token.byToken, keys);

      expect(looked.resolvedKey).toBe(keys.globalKey);
      expect(looked.hits.has(`${keys.accountKeyPrefix}${token.legacyAccountId}`)).toBe(false);
      expect(looked.token).toMatchObject({
        tokenId: token.tokenId,
        status: seed.status ?? 'live',
        expired: (seed.expiresInMinutes ?? 30) < 0,
        held: hold,
      });
    });

    it('counts each window apart', async () => {
      const keys = counting();
      await subject.store.lookUp(unknownCredential(), keys);

      const next = new Date(keys.windowStart.getTime() + 60_000);
      const looked = await subject.store.lookUp(unknownCredential(), { ...keys, windowStart: next });

      expect(looked.hits.get(keys.globalKey)).toBe(1);
    });

    it('spends a live token once: its effects and events are stored, the failure events are not', async () => {
      const token = await subject.seedToken();
      const onSpent = { journeyEvent: 'link_redeemed' as const, events: redeemed(token) };
      const onFailed = failed();

      const outcome = await subject.store.spend(token.byToken, { onSpent, onFailed });

      expect(outcome).toBe('spent');
      expect(await subject.tokenStatus(token.tokenId)).toBe('redeemed');
      expect(await subject.journeyStatus(token.journeyId)).toBe('redeemed');
      const stored = await subject.storedEventIds();
      expect(stored).toContain(onSpent.events[0]?.id);
      expect(stored).not.toContain(onFailed[0]?.id);
    });

    it('refuses to spend a token twice, storing the failure events the second time', async () => {
      const token = await subject.seedToken();
      await subject.store.spend(token.byCode, {
        onSpent: { journeyEvent: 'step_up_required', events: [] },
        onFailed: failed(),
      });
      const again = { journeyEvent: 'link_redeemed' as const, events: redeemed(token) };
      const onFailed = failed();

      const outcome = await subject.store.spend(token.byToken, { onSpent: again, onFailed });

      expect(outcome).toBe('failed');
      expect(await subject.journeyStatus(token.journeyId)).toBe('step_up_required');
      const stored = await subject.storedEventIds();
      expect(stored).toContain(onFailed[0]?.id);
      expect(stored).not.toContain(again.events[0]?.id);
    });

    it('lets exactly one of two concurrent spends of one token succeed', async () => {
      const token = await subject.seedToken();
      const spend = () =>
        subject.store.spend(token.byToken, {
          onSpent: { journeyEvent: 'link_redeemed', events: redeemed(token) },
          onFailed: failed(),
        });

      const outcomes = await Promise.all([spend(), spend()]);

      expect(outcomes.sort()).toEqual(['failed', 'spent']);
    });

    it.each<[string, TokenToSeed, boolean]>([
      ['expired', { expiresInMinutes: -1 }, false],
      ['held', {}, true],
      ['superseded', { status: 'superseded' }, false],
    ])('spends no %s token', async (_kind, seed, hold) => {
      const token = await subject.seedToken(seed);
      if (hold) await subject.placeHold(token.legacyAccountId);

      const outcome = await subject.store.spend(token.byToken, {
        onSpent: { journeyEvent: 'link_redeemed', events: redeemed(token) },
        onFailed: failed(),
      });

      expect(outcome).toBe('failed');
      expect(await subject.tokenStatus(token.tokenId)).toBe(seed.status ?? 'live');
      expect(await subject.journeyStatus(token.journeyId)).toBe('issued');
    });

    it('spends nothing without effects to store, and records the failure', async () => {
      const token = await subject.seedToken();
      const onFailed = failed();

      expect(await subject.store.spend(token.byToken, { onFailed })).toBe('failed');

      expect(await subject.tokenStatus(token.tokenId)).toBe('live');
      expect(await subject.storedEventIds()).toContain(onFailed[0]?.id);
    });

    it('refuses a spend with no failure event to record', async () => {
      const token = await subject.seedToken();

      await expect(
        subject.store.spend(token.byToken, {
          onSpent: { journeyEvent: 'link_redeemed', events: [] },
          onFailed: [],
        }),
      ).rejects.toThrow('a failed redemption must record an event');
      expect(await subject.tokenStatus(token.tokenId)).toBe('live');
    });

    it('records events with no state change', async () => {
      const events = failed();

      await subject.store.record(events);

      expect(await subject.storedEventIds()).toContain(events[0]?.id);
    });
  });
}
