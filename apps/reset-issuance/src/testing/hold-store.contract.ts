import { randomUUID } from 'node:crypto';
import { createEvent, ResetHoldPlacedV1, type EventActor, type RekeyEvent } from '@rekey/contracts';
import { placeHold, releaseHold, type Hold } from '../holds/domain/hold';
import { HoldAlreadyActive, HoldNotFound } from '../holds/domain/hold.errors';
import type { HoldStore } from '../holds/hold-store.port';

/** A hold store to test, and the two things the port cannot do itself. */
export interface HoldStoreUnderTest {
  store: HoldStore;
  /** Identity matching linked the account (an `eligible_account` row for the adapter). */
  knowAccount(legacyAccountId: string): Promise<void>;
  /** The ids of the events stored with the changes, in order. */
  storedEventIds(): Promise<string[]>;
}

const operator: EventActor = { subject: 'alice@example.test', role: 'operator' };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 18, 9, minute));

function placed(legacyAccountId: string, placedAt: Date): { hold: Hold; events: RekeyEvent[] } {
  const hold = placeHold(
    undefined,
    { id: randomUUID(), legacyAccountId, reason: 'suspected takeover', placedBy: operator },
    placedAt,
  );
  const event = createEvent(
    ResetHoldPlacedV1,
    { legacyAccountId, holdId: hold.id, reason: hold.reason, placedBy: operator },
    { source: 'reset-issuance', subject: legacyAccountId },
    () => placedAt,
  );
  return { hold, events: [event] };
}

/**
 * What every HoldStore does, whatever stores the holds: run it against the fake in a unit spec and
 * against the PostgreSQL adapter in an integration spec. `setUp` gives a store with no holds of the
 * accounts the cases use (each case makes its own account ids).
 */
export function describeHoldStoreContract(name: string, setUp: () => Promise<HoldStoreUnderTest>): void {
  describe(`${name} honours the HoldStore contract`, () => {
    let subject: HoldStoreUnderTest;
    let account: string;

    beforeEach(async () => {
      subject = await setUp();
      account = `legacy-${randomUUID()}`;
    });

    it('gives the change no hold for an account never held, then stores the hold it returns', async () => {
      const seen: Array<Hold | undefined> = [];
      const { hold, events } = placed(account, at(0));

      const stored = await subject.store.changeLatest(account, (latest) => {
        seen.push(latest);
        return { hold, events };
      });

      expect(seen).toEqual([undefined]);
      expect(stored).toEqual(hold);
      expect(await subject.store.activeHold(account)).toEqual(hold);
      expect(await subject.storedEventIds()).toEqual(expect.arrayContaining([events[0]?.id]));
    });

    it('gives the change the latest hold, and a released hold is no longer active', async () => {
      const { hold } = placed(account, at(0));
      await subject.store.changeLatest(account, () => ({ hold, events: [] }));

      const released = await subject.store.changeLatest(account, (latest) => {
        expect(latest).toEqual(hold);
        return {
          hold: releaseHold(latest, account, { releasedBy: operator, note: 'cleared' }, at(5)),
          events: [],
        };
      });

      expect(released).toMatchObject({
        id: hold.id,
        releasedAt: at(5),
        releasedBy: operator,
        releaseNote: 'cleared',
      });
      expect(await subject.store.activeHold(account)).toBeUndefined();
    });

    it('orders an account holds by placement: after a release and a new hold, the new one is latest', async () => {
      const first = placed(account, at(0)).hold;
      await subject.store.changeLatest(account, () => ({ hold: first, events: [] }));
      await subject.store.changeLatest(account, (latest) => ({
        hold: releaseHold(latest, account, { releasedBy: operator }, at(1)),
        events: [],
      }));
      const second = await subject.store.changeLatest(account, (latest) => ({
        hold: placeHold(
          latest,
          { id: randomUUID(), legacyAccountId: account, reason: 'again', placedBy: operator },
          at(2),
        ),
        events: [],
      }));

      let latestSeen: Hold | undefined;
      await expect(
        subject.store.changeLatest(account, (latest) => {
          latestSeen = latest;
          return {
            hold: placeHold(
              latest,
              { id: randomUUID(), legacyAccountId: account, reason: 'x', placedBy: operator },
              at(3),
            ),
            events: [],
          };
        }),
      ).rejects.toBeInstanceOf(HoldAlreadyActive);
      expect(latestSeen).toEqual(second);
      expect(await subject.store.activeHold(account)).toEqual(second);
    });

    it('refuses a second active hold on one account with HoldAlreadyActive, storing nothing of it', async () => {
      await subject.store.changeLatest(account, () => placed(account, at(0)));
      const second = placed(account, at(1));

      // The change ignores the active hold on purpose: the store itself keeps one active hold.
      await expect(subject.store.changeLatest(account, () => second)).rejects.toBeInstanceOf(
        HoldAlreadyActive,
      );

      expect((await subject.store.activeHold(account))?.id).not.toBe(second.hold.id);
      expect(await subject.storedEventIds()).not.toContain(second.events[0]?.id);
    });

    it('lets exactly one of two concurrent placements on one account win', async () => {
      const place = () =>
        subject.store.changeLatest(account, (latest) => {
          const { hold, events } = placed(account, at(0));
          return { hold: placeHold(latest, hold, at(0)), events };
        });

      const results = await Promise.allSettled([place(), place()]);

      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const [refused] = results.filter((result) => result.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(HoldAlreadyActive);
      expect(await subject.store.activeHold(account)).toEqual(
        (results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<Hold>).value,
      );
    });

    it('stores neither hold nor events when the change throws', async () => {
      await expect(
        subject.store.changeLatest(account, (latest) => ({
          hold: releaseHold(latest, account, { releasedBy: operator }, at(0)),
          events: [],
        })),
      ).rejects.toBeInstanceOf(HoldNotFound);

      expect(await subject.store.activeHold(account)).toBeUndefined();
      let seen: Hold | undefined | 'not called' = 'not called';
      await subject.store.changeLatest(account, (latest) => {
        seen = latest;
        return placed(account, at(1));
      });
      expect(seen).toBeUndefined();
    });

    it('keeps accounts apart: a hold on one account is no hold on another', async () => {
      await subject.store.changeLatest(account, () => placed(account, at(0)));

      expect(await subject.store.activeHold(`${account}-other`)).toBeUndefined();
    });

    it('knows the accounts identity matching linked, and only those', async () => {
      await subject.knowAccount(account);

      expect(await subject.store.isKnownAccount(account)).toBe(true);
      expect(await subject.store.isKnownAccount(`${account}-typo`)).toBe(false);
    });
  });
}
