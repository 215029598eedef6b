import { randomBytes, randomUUID } from 'node:crypto';
import { generateOneTimeCode, isCorrectCode, oneTimeCodeDigest } from './one-time-code';

describe('one-time codes', () => {
  const key = randomBytes(32);

  it('are six digits', () => {
    for (let index = 0; index < 200; index += 1) expect(generateOneTimeCode()).toMatch(/^\d{6}$/);
  });

  it('are not predictable from one another', () => {
    const codes = new Set(Array.from({ length: 500 }, generateOneTimeCode));
    expect(codes.size).toBeGreaterThan(490);
  });

  it('verify against their stored digest and nothing else', () => {
    const challengeId = randomUUID();
    const digest = oneTimeCodeDigest(key, challengeId, '042917');
    expect(isCorrectCode(key, challengeId, '042917', digest)).toBe(true);
    expect(isCorrectCode(key, challengeId, '042918', digest)).toBe(false);
    expect(isCorrectCode(key, challengeId, '42917', digest)).toBe(false);
  });

  it('are bound to their challenge and to the key', () => {
    const challengeId = randomUUID();
    const digest = oneTimeCodeDigest(key, challengeId, '123456');
    expect(isCorrectCode(key, randomUUID(), '123456', digest)).toBe(false);
    expect(isCorrectCode(randomBytes(32), challengeId, '123456', digest)).toBe(false);
  });

  it('never store the code itself', () => {
    const digest = oneTimeCodeDigest(key, randomUUID(), '123456');
    expect(digest.toString('utf8')).not.toContain('123456');
    expect(digest.toString('hex')).not.toContain('123456');
  });
});
