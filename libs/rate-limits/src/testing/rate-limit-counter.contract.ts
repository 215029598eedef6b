import { randomUUID } from 'node:crypto';
import type { RateLimitCounter } from '../rate-limit-counter.port';

/** A rate-limit counter to test, and what the port cannot do itself: read a counter without a hit. */
export interface RateLimitCounterUnderTest {
  store: RateLimitCounter;
  /** The hits of one counter in one window, 0 when it is not stored. */
  hitsOf(key: string, windowStart: Date): Promise<number>;
}

const minute = (n: number) => new Date(Date.UTC(2026, 11, 18, 9, n));

/**
 * What every RateLimitCounter does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. `setUp` gives a store with no counters at all (the sweeping
 * cases count every stored window); each case also makes its own keys.
 */
export function describeRateLimitCounterContract(
  name: string,
  setUp: () => Promise<RateLimitCounterUnderTest>,
): void {
  describe(`${name} honours the RateLimitCounter contract`, () => {
    let subject: RateLimitCounterUnderTest;
    let ip: string;
    let subnet: string;

    beforeEach(async () => {
      subject = await setUp();
      const run = randomUUID();
      ip = `redeem:ip:${run}`;
      subnet = `redeem:subnet:${run}`;
    });

    it('starts each key at one hit and returns the new value of every key it counted', async () => {
      const first = await subject.store.increment([ip, subnet], minute(0));
      const second = await subject.store.increment([ip], minute(0));

      expect(first).toEqual(
        new Map([
          [ip, 1],
          [subnet, 1],
        ]),
      );
      expect(second).toEqual(new Map([[ip, 2]]));
      expect(await subject.hitsOf(subnet, minute(0))).toBe(1);
    });

    it('counts a key named twice in one call once', async () => {
      expect(await subject.store.increment([ip, subnet, ip], minute(0))).toEqual(
        new Map([
          [ip, 1],
          [subnet, 1],
        ]),
      );
      expect(await subject.hitsOf(ip, minute(0))).toBe(1);
    });

    it('counts nothing for no keys', async () => {
      expect(await subject.store.increment([], minute(0))).toEqual(new Map());
    });

    it('counts each window apart: the next window starts again at one', async () => {
      await subject.store.increment([ip], minute(0));
      await subject.store.increment([ip], minute(0));

      expect(await subject.store.increment([ip], minute(1))).toEqual(new Map([[ip, 1]]));
      expect(await subject.hitsOf(ip, minute(0))).toBe(2);
    });

    it('loses no hit between concurrent callers, whatever order they name shared keys in', async () => {
      const calls = Array.from({ length: 20 }, (_, index) =>
        subject.store.increment(index % 2 === 0 ? [ip, subnet] : [subnet, ip], minute(0)),
      );

      const counted = await Promise.all(calls);

      // Each caller saw its own hit: the values handed out are exactly 1 to 20, once each.
      const seen = counted.map((hits) => hits.get(ip)).sort((a, b) => (a ?? 0) - (b ?? 0));
      expect(seen).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      expect(await subject.hitsOf(ip, minute(0))).toBe(20);
      expect(await subject.hitsOf(subnet, minute(0))).toBe(20);
    });

    it('deletes the counters of windows that started before the instant, keeping that window and later ones', async () => {
      await subject.store.increment([ip, subnet], minute(0));
      await subject.store.increment([ip], minute(1));
      await subject.store.increment([ip], minute(2));

      const deleted = await subject.store.deleteWindowsBefore(minute(1), 1_000);

      expect(deleted).toBe(2);
      expect(await subject.hitsOf(ip, minute(0))).toBe(0);
      expect(await subject.hitsOf(subnet, minute(0))).toBe(0);
      expect(await subject.hitsOf(ip, minute(1))).toBe(1);
      expect(await subject.hitsOf(ip, minute(2))).toBe(1);
    });

    it('deletes at most the limit asked for, and the next call takes the rest', async () => {
      const keys = Array.from({ length: 5 }, (_, index) => `${ip}:${index}`);
      await subject.store.increment(keys, minute(0));
      await subject.store.increment(keys.slice(0, 2), minute(1));

      const chunks = [
        await subject.store.deleteWindowsBefore(minute(2), 3),
        await subject.store.deleteWindowsBefore(minute(2), 3),
        await subject.store.deleteWindowsBefore(minute(2), 3),
      ];

      expect(chunks).toEqual([3, 3, 1]);
      expect(await subject.store.deleteWindowsBefore(minute(2), 3)).toBe(0);
      for (const key of keys) expect(await subject.hitsOf(key, minute(0))).toBe(0);
    });

    it('counts a swept window afresh if it is counted again', async () => {
      await subject.store.increment([ip], minute(0));
      await subject.store.increment([ip], minute(0));
      await subject.store.deleteWindowsBefore(minute(1), 1_000);

      expect(await subject.store.increment([ip], minute(0))).toEqual(new Map([[ip, 1]]));
    });

    it('deletes nothing when no window is that old', async () => {
      await subject.store.increment([ip], minute(5));

      expect(await subject.store.deleteWindowsBefore(minute(5), 1_000)).toBe(0);
      expect(await subject.hitsOf(ip, minute(5))).toBe(1);
    });
  });
}
