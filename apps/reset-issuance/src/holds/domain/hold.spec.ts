import { isActive, placeHold, releaseHold, type Hold } from './hold';
import { HoldAlreadyActive, HoldNotFound } from './hold.errors';

const operator = { subject: 'alice@example.com', role: 'operator' as const };
const at = (time: string) => new Date(`2026-11-20T${time}:00Z`);

function anActiveHold(): Hold {
  return placeHold(
    undefined,
    { id: 'h1', legacyAccountId: 'L-1', reason: 'suspected takeover', placedBy: operator },
    at('10:00'),
  );
}

describe('placeHold', () => {
  it('places a hold on an account without one', () => {
    const hold = anActiveHold();
    expect(isActive(hold)).toBe(true);
    expect(hold.placedAt).toEqual(at('10:00'));
  });

  it('refuses a second hold while one is active', () => {
    expect(() =>
      placeHold(
        anActiveHold(),
        { id: 'h2', legacyAccountId: 'L-1', reason: 'again', placedBy: operator },
        at('10:05'),
      ),
    ).toThrow(HoldAlreadyActive);
  });

  it('places a new hold once the previous one was released', () => {
    const released = releaseHold(anActiveHold(), 'L-1', { releasedBy: operator }, at('11:00'));
    const again = placeHold(
      released,
      { id: 'h2', legacyAccountId: 'L-1', reason: 'again', placedBy: operator },
      at('12:00'),
    );
    expect(again.id).toBe('h2');
  });
});

describe('releaseHold', () => {
  it('records who released it and when', () => {
    const released = releaseHold(
      anActiveHold(),
      'L-1',
      { releasedBy: operator, note: 'verified by phone' },
      at('11:00'),
    );
    expect(isActive(released)).toBe(false);
    expect(released.releasedBy).toEqual(operator);
    expect(released.releaseNote).toBe('verified by phone');
  });

  it('refuses to release a hold that is not active', () => {
    const released = releaseHold(anActiveHold(), 'L-1', { releasedBy: operator }, at('11:00'));
    expect(() => releaseHold(released, 'L-1', { releasedBy: operator }, at('12:00'))).toThrow(HoldNotFound);
    expect(() => releaseHold(undefined, 'L-1', { releasedBy: operator }, at('12:00'))).toThrow(HoldNotFound);
  });
});
