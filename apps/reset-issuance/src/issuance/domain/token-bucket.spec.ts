import { available, refill, spend, startingBucket, type PaceBucket } from './token-bucket';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, 0) + seconds * 1000);
const empty: PaceBucket = { allowance: 0, refilledAt: at(0) };

describe('the pace token bucket', () => {
  it('allows nothing before the wave starts', () => {
    const bucket = { allowance: 0, refilledAt: at(10) };
    expect(available(refill(bucket, 100, at(5)))).toBe(0);
  });

  it('starts full, so the first second of links goes out at the start', () => {
    expect(available(startingBucket(20, at(0)))).toBe(20);
    expect(available(startingBucket(0.2, at(0)))).toBe(1);
  });

  it('fills at the pace over time', () => {
    expect(available(refill(empty, 100, at(0.25)))).toBe(25);
  });

  it('caps a burst at one second of pace after a long pause', () => {
    expect(available(refill(empty, 100, at(60)))).toBe(100);
  });

  it('keeps the fraction across ticks, so slow paces still progress', () => {
    let bucket = empty;
    let issued = 0;
    for (let tick = 1; tick <= 10; tick++) {
      bucket = refill(bucket, 0.5, at(tick));
      const now = available(bucket);
      bucket = spend(bucket, now);
      issued += now;
    }
    expect(issued).toBe(5);
  });

  it('never issues more than the pace over a long run of irregular ticks', () => {
    let bucket = empty;
    let issued = 0;
    for (let ms = 0; ms <= 10_000; ms += 137) {
      bucket = refill(bucket, 50, at(ms / 1000));
      const batch = Math.min(available(bucket), 7);
      bucket = spend(bucket, batch);
      issued += batch;
    }
    expect(issued).toBeLessThanOrEqual(50 * 10 + 50);
    expect(issued).toBeGreaterThan(50 * 10 * 0.9);
  });

  it('refuses to spend more than it holds', () => {
    expect(() => spend(refill(empty, 10, at(0.1)), 2)).toThrow(/cannot spend 2 links from 1/);
  });
});
