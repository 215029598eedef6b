import { randomBytes } from 'node:crypto';
import { generateResetToken } from './reset-token';
import { TokenSealer } from './sealed-token';

describe('TokenSealer', () => {
  const sealer = new TokenSealer(randomBytes(32));
  const token = generateResetToken();
  const issuanceId = '0192f3a0-0000-7000-8000-000000000001';

  it('opens what it sealed, for the same issuance', () => {
    expect(sealer.open(sealer.seal(token, issuanceId), issuanceId)).toBe(token);
  });

  it('never stores the token in a readable form, and seals it differently each time', () => {
    const first = sealer.seal(token, issuanceId);
    const second = sealer.seal(token, issuanceId);
    expect(first.toString('latin1')).not.toContain(token);
    expect(first.equals(second)).toBe(false);
  });

  it('does not open a sealed token moved to another issuance', () => {
    const sealed = sealer.seal(token, issuanceId);
    expect(sealer.open(sealed, '0192f3a0-0000-7000-8000-000000000002')).toBeUndefined();
  });

  it('does not open with another key, nor once a byte is altered', () => {
    const sealed = sealer.seal(token, issuanceId);
    expect(new TokenSealer(randomBytes(32)).open(sealed, issuanceId)).toBeUndefined();
    const altered = Buffer.from(sealed);
    altered[20] = (altered[20] ?? 0) ^ 1;
    expect(sealer.open(altered, issuanceId)).toBeUndefined();
    expect(sealer.open(sealed.subarray(0, 20), issuanceId)).toBeUndefined();
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new TokenSealer(randomBytes(16))).toThrow('32 bytes');
  });
});
