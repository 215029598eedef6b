import { randomUUID } from 'node:crypto';
import { FakeHoldStore } from '../testing';
import { HoldAlreadyActive, HoldNotFound, HoldOnUnknownAccount } from './domain/hold.errors';
import { PlaceHold } from './place-hold';
import { ReleaseHold } from './release-hold';

const operator = { subject: 'alice@example.test', role: 'operator' as const };
const now = new Date('2026-12-18T09:00:00Z');
const clock = { now: () => now, newId: () => randomUUID() };

function holdsOver(store: FakeHoldStore) {
  return { place: new PlaceHold(store, clock), release: new ReleaseHold(store, clock) };
}

describe('placing and releasing a hold', () => {
  it('holds a known account and stores the hold-placed event with it', async () => {
    const store = new FakeHoldStore();
    store.knowAccount('legacy-1');

    const hold = await holdsOver(store).place.execute({
      legacyAccountId: 'legacy-1',
      reason: 'takeover',
      actor: operator,
    });

    expect(await store.activeHold('legacy-1')).toEqual(hold);
    expect(store.events).toEqual([
      expect.objectContaining({
        type: 'rekey.reset.hold-placed.v1',
        data: { legacyAccountId: 'legacy-1', holdId: hold.id, reason: 'takeover', placedBy: operator },
      }),
    ]);
  });

  it('refuses an account no directory holds unless the operator says it is deliberate', async () => {
    const store = new FakeHoldStore();
    const { place } = holdsOver(store);

    await expect(
      place.execute({ legacyAccountId: 'legacy-typo', reason: 'x', actor: operator }),
    ).rejects.toBeInstanceOf(HoldOnUnknownAccount);
    expect(store.events).toEqual([]);

    await place.execute({ legacyAccountId: 'legacy-typo', reason: 'x', actor: operator, deliberate: true });
    expect(store.events).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ deliberate: true }) }),
    ]);
  });

  it('refuses a second hold while one is active, and allows one after the release', async () => {
    const store = new FakeHoldStore();
    store.knowAccount('legacy-1');
    const { place, release } = holdsOver(store);
    await place.execute({ legacyAccountId: 'legacy-1', reason: 'takeover', actor: operator });

    await expect(
      place.execute({ legacyAccountId: 'legacy-1', reason: 'again', actor: operator }),
    ).rejects.toBeInstanceOf(HoldAlreadyActive);
    const released = await release.execute({ legacyAccountId: 'legacy-1', note: 'cleared', actor: operator });
    const again = await place.execute({ legacyAccountId: 'legacy-1', reason: 'again', actor: operator });

    expect(released).toMatchObject({ releasedAt: now, releaseNote: 'cleared' });
    expect(await store.activeHold('legacy-1')).toEqual(again);
    expect(store.events.map((event) => event.type)).toEqual([
      'rekey.reset.hold-placed.v1',
      'rekey.reset.hold-released.v1',
      'rekey.reset.hold-placed.v1',
    ]);
  });

  it('releases nothing on an account without an active hold', async () => {
    const store = new FakeHoldStore();

    await expect(
      holdsOver(store).release.execute({ legacyAccountId: 'legacy-1', actor: operator }),
    ).rejects.toBeInstanceOf(HoldNotFound);
    expect(store.events).toEqual([]);
  });
});
