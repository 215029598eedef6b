import { SettableClock } from './settable-clock';

describe('SettableClock', () => {
  it('stands still until moved or set, and hands out copies', () => {
    const clock = new SettableClock(new Date('2026-01-01T00:00:00Z'));
    const now = clock.now();
    now.setFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(1_500);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z');
    clock.set(new Date('2027-06-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-06-01T00:00:00.000Z');
  });

  it('hands out distinct identifiers', () => {
    const clock = new SettableClock();
    expect(clock.newId()).not.toBe(clock.newId());
  });
});
