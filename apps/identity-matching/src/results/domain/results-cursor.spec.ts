import { nearMissesOf } from './near-misses';
import { decodeCursor, encodeCursor } from './results-cursor';

describe('results cursor', () => {
  it('reads back the run and the last account of the page it was written for', () => {
    const cursor = { runId: '0198a0b2-0000-7000-8000-000000000001', afterLegacyId: 'L-7, "odd" id/é' };
    const next = encodeCursor(cursor);
    expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(next)).toEqual(cursor);
  });

  it('refuses a value it did not write', () => {
    expect(decodeCursor('L-100')).toBeUndefined();
    expect(decodeCursor('not a cursor!')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"r":1}').toString('base64url'))).toBeUndefined();
    expect(decodeCursor(Buffer.from('[]').toString('base64url'))).toBeUndefined();
  });
});

describe('nearMissesOf', () => {
  it('keeps well-formed near misses and drops malformed entries', () => {
    expect(
      nearMissesOf([
        { targetId: 'T-1', probability: 0.42, weight: -1.5 },
        { targetId: 'T-2', probability: 'high', weight: 1 },
        null,
      ]),
    ).toEqual([{ targetId: 'T-1', probability: 0.42, weight: -1.5 }]);
  });

  it('has none when the stored evidence keeps none', () => {
    expect(nearMissesOf(undefined)).toBeUndefined();
    expect(nearMissesOf(null)).toBeUndefined();
  });
});
