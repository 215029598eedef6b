import { hashKey } from './blocking-keys';
import { KeyIndex } from './key-index';

describe('KeyIndex', () => {
  it('numbers keys in the order they first come, and finds them again', () => {
    const index = new KeyIndex();
    expect([index.add(7), index.add(2 ** 52 + 3), index.add(7), index.add(1)]).toEqual([0, 1, 0, 2]);
    expect(index.size).toBe(3);
    expect(index.get(2 ** 52 + 3)).toBe(1);
    expect(index.get(8)).toBe(-1);
  });

  it('keeps every key through growing, keys that differ only in their high bits included', () => {
    const index = new KeyIndex();
    const keys = Array.from({ length: 50_000 }, (_, n) => (n % 2 === 0 ? hashKey([n]) : n * 4_294_967_296));
    keys.forEach((key, n) => expect(index.add(key)).toBe(n));
    expect(index.size).toBe(keys.length);
    expect(keys.every((key, n) => index.get(key) === n)).toBe(true);
    expect(index.get(hashKey([-1]))).toBe(-1);
  });
});
