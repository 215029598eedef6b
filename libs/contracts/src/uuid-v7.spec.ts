import { uuidV7 } from './uuid-v7';

const uuidV7Shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function millisecondsOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('uuidV7', () => {
  it('makes RFC 9562 version 7, variant 10 ids', () => {
    for (let index = 0; index < 100; index++) expect(uuidV7()).toMatch(uuidV7Shape);
  });

  it('puts the given Unix milliseconds in the first 48 bits', () => {
    const at = Date.parse('2031-05-04T10:20:30.456Z');
    expect(millisecondsOf(uuidV7(at))).toBe(at);
  });

  it('sorts ids made at later times after earlier ones', () => {
    const start = Date.parse('2032-01-01T00:00:00Z');
    const ids = [0, 1, 2, 1_000, 60_000].map((offset) => uuidV7(start + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps ids strictly increasing within one millisecond', () => {
    const at = Date.parse('2033-01-01T00:00:00Z');
    const ids = Array.from({ length: 5_000 }, () => uuidV7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(uuidV7Shape));
  });

  it('never goes back in time when the clock does', () => {
    const later = uuidV7(Date.parse('2034-06-01T00:00:00Z'));
    const earlier = uuidV7(Date.parse('2034-01-01T00:00:00Z'));
    expect(earlier > later).toBe(true);
  });

  it('gives every id fresh random bits, however many are made', () => {
    const at = Date.parse('2034-01-01T00:00:00Z');
    const randomTails = Array.from({ length: 20_000 }, (_, index) => uuidV7(at + index).slice(-12));
    expect(new Set(randomTails).size).toBe(randomTails.length);
  });
});
