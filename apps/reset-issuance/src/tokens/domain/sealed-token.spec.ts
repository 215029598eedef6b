import { randomBytes } from 'node:crypto';
import { generateResetToken, hashResetToken } from './reset-token';
import { TokenSealer } from './sealed-token';

describe('TokenSealer', () => {
  const sealer = new TokenSealer(randomBytes(32));
  const tokens = Array.from({ length: 300 }, () => generateResetToken());

  it('opens each token of a batch from its own copy, checked against the hash on file', () => {
    const sealed = sealer.sealAll(tokens);
    expect(sealed).toHaveLength(tokens.length);
    tokens.forEach((token, index) => {
      expect(sealer.open(sealed[index]!, hashResetToken(token))).toBe(token);
    });
  });

  it('never stores the token in a readable form, and seals it differently each time', () => {
    const [first] = sealer.sealAll([tokens[0]!]);
    const [second] = sealer.sealAll([tokens[0]!]);
    expect(first!.toString('latin1')).not.toContain(tokens[0]);
    expect(first!.includes(Buffer.from(tokens[0]!, 'base64url'))).toBe(false);
    expect(first!.equals(second!)).toBe(false);
  });

  it('gives every token of a batch counters of its own, even across a carry', () => {
    const sealed = sealer.sealAll(tokens);
    const counters = new Set(sealed.map((copy) => copy.subarray(1, 17).toString('hex')));
    expect(counters.size).toBe(tokens.length);
  });

  it('does not open a copy moved to another row (another token hash)', () => {
    const [sealed] = sealer.sealAll([tokens[0]!]);
    expect(sealer.open(sealed!, hashResetToken(tokens[1]!))).toBeUndefined();
  });

  it('does not open with another key, nor once a byte is altered or cut', () => {
    const [sealed] = sealer.sealAll([tokens[0]!]);
    const hash = hashResetToken(tokens[0]!);
    expect(new TokenSealer(randomBytes(32)).open(sealed!, hash)).toBeUndefined();
    for (const position of [0, 5, 20, 48]) {
      const altered = Buffer.from(sealed!);
      altered[position] = (altered[position] ?? 0) ^ 1;
      expect(sealer.open(altered, hash)).toBeUndefined();
    }
    expect(sealer.open(sealed!.subarray(0, 20), hash)).toBeUndefined();
  });

  it('refuses a key of the wrong size, and anything that is not a reset token', () => {
    expect(() => new TokenSealer(randomBytes(16))).toThrow('32 bytes');
    expect(() => sealer.sealAll(['not a token'])).toThrow('reset tokens');
  });
});
