import { retryAfterSeconds, sweepBefore, windowStartOf } from './rate-limit-window';

const at = (iso: string) => new Date(`2026-01-05T${iso}Z`);

describe('fixed rate-limit windows', () => {
  it('puts every instant of a minute in the window that starts on the minute', () => {
    expect(windowStartOf(at('10:00:00.000'), 60)).toEqual(at('10:00:00.000'));
    expect(windowStartOf(at('10:00:59.999'), 60)).toEqual(at('10:00:00.000'));
    expect(windowStartOf(at('10:01:00.000'), 60)).toEqual(at('10:01:00.000'));
  });

  it('aligns short windows on their own length', () => {
    expect(windowStartOf(at('10:00:07.500'), 5)).toEqual(at('10:00:05.000'));
  });

  it('tells a client to come back when the window ends, rounding up', () => {
    expect(retryAfterSeconds(at('10:00:20.200'), at('10:00:00'), 60)).toBe(40);
    expect(retryAfterSeconds(at('10:00:00.000'), at('10:00:00'), 60)).toBe(60);
  });

  it('never answers Retry-After: 0, even at the very end of a window', () => {
    expect(retryAfterSeconds(at('10:00:59.999'), at('10:00:00'), 60)).toBe(1);
  });

  it('sweeps windows that ended before the previous one started', () => {
    expect(sweepBefore(at('10:05:30'), 60)).toEqual(at('10:04:00'));
  });
});
