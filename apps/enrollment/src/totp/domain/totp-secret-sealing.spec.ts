import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { SealedTotpSecretUnreadable } from './totp.errors';
import { newTotpSecret } from './totp-secret';
import { TotpSecretSealer, type SealingKeyRing } from './totp-secret-sealing';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ringOf = (activeKeyId: string, entries: Array<[string, Buffer]>): SealingKeyRing => ({
  activeKeyId,
  keys: new Map(entries),
});
const secret = newTotpSecret(randomBytes);
const account = 'legacy-0001';

function refusal(open: () => unknown): SealedTotpSecretUnreadable {
  try {
    open();
  } catch (error) {
    if (error instanceof SealedTotpSecretUnreadable) return error;
    throw error;
  }
  throw new Error('the sealed secret opened');
}

describe('TotpSecretSealer', () => {
  it('opens what it sealed, for the same account', () => {
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    const sealed = sealer.seal(account, secret);
    expect(sealer.open(account, sealed).bytes()).toEqual(secret.bytes());
  });

  it('stores a version byte, the key id, a 12-byte IV, the ciphertext and the 16-byte tag', () => {
    const iv = Buffer.alloc(12, 0xab);
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]), () => iv);
    const sealed = sealer.seal(account, secret);
    expect(sealed[0]).toBe(1);
    expect(sealed[1]).toBe(2);
    expect(sealed.subarray(2, 4).toString('ascii')).toBe('k1');
    expect(sealed.subarray(4, 16)).toEqual(iv);
    expect(sealed).toHaveLength(4 + 12 + 20 + 16);
    expect(sealed.includes(secret.bytes())).toBe(false);
  });

  it('draws a new IV for every seal, so one secret sealed twice looks different', () => {
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    expect(sealer.seal(account, secret).equals(sealer.seal(account, secret))).toBe(false);
  });

  it('still opens secrets sealed with a retired key after the active key rotates', () => {
    const before = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    const sealedBefore = before.seal(account, secret);
    const after = new TotpSecretSealer(
      ringOf('k2', [
        ['k2', k2],
        ['k1', k1],
      ]),
    );
    const sealedAfter = after.seal(account, secret);

    expect(after.open(account, sealedBefore).bytes()).toEqual(secret.bytes());
    expect(sealedAfter.subarray(2, 4).toString('ascii')).toBe('k2');
    expect(after.activeKeyId).toBe('k2');
    expect(after.isSealedWithRetiredKey(sealedBefore)).toBe(true);
    expect(after.isSealedWithRetiredKey(sealedAfter)).toBe(false);
    expect(refusal(() => before.open(account, sealedAfter)).problem).toBe('unknown-key');
  });

  it('refuses a secret copied onto another account', () => {
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    const sealed = sealer.seal(account, secret);
    expect(refusal(() => sealer.open('legacy-0002', sealed)).problem).toBe('not-authentic');
  });

  it.each([
    ['the ciphertext', 20],
    ['the IV', 6],
    ['the tag', -1],
  ])('refuses a secret whose %s was altered', (_, position) => {
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    const sealed = sealer.seal(account, secret);
    const index = position < 0 ? sealed.length + position : position;
    sealed[index] = (sealed[index] as number) ^ 0x01;
    expect(refusal(() => sealer.open(account, sealed)).problem).toBe('not-authentic');
  });

  it('refuses a secret relabelled with another key id of the ring', () => {
    const ring = ringOf('k1', [
      ['k1', k1],
      ['k2', k2],
    ]);
    const sealer = new TotpSecretSealer(ring);
    const sealed = sealer.seal(account, secret);
    sealed.write('k2', 2, 'ascii');
    expect(refusal(() => sealer.open(account, sealed)).problem).toBe('not-authentic');
  });

  it('refuses a key id the ring does not hold, an unknown version and truncated bytes', () => {
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    const sealed = sealer.seal(account, secret);
    const otherKey = new TotpSecretSealer(ringOf('k9', [['k9', k2]])).seal(account, secret);
    const otherVersion = Buffer.from(sealed);
    otherVersion[0] = 2;

    expect(refusal(() => sealer.open(account, otherKey)).problem).toBe('unknown-key');
    expect(refusal(() => sealer.open(account, otherVersion)).problem).toBe('unknown-version');
    expect(refusal(() => sealer.open(account, sealed.subarray(0, 40))).problem).toBe('not-authentic');
    expect(refusal(() => sealer.open(account, sealed.subarray(0, 32))).problem).toBe('malformed');
    expect(refusal(() => sealer.open(account, Buffer.alloc(0))).problem).toBe('malformed');
  });

  it('says nothing of the secret, the key or the sealed bytes when it refuses', () => {
    const sealer = new TotpSecretSealer(ringOf('k1', [['k1', k1]]));
    const sealed = sealer.seal(account, secret);
    const error = refusal(() => sealer.open('legacy-0002', sealed));
    const shown = `${error.message} ${error.detail ?? ''} ${inspect(error)} ${JSON.stringify(error)}`;
    for (const material of [secret.bytes(), k1, sealed]) {
      expect(shown).not.toContain(material.toString('hex'));
      expect(shown).not.toContain(material.toString('base64'));
    }
    expect(shown).not.toContain(secret.base32());
    expect(error.code).toBe('totp.sealed-secret-unreadable');
  });

  it('refuses a key ring whose active key is missing or whose keys are not 32 bytes', () => {
    expect(() => new TotpSecretSealer(ringOf('k2', [['k1', k1]]))).toThrow(/active sealing key k2/);
    expect(() => new TotpSecretSealer(ringOf('k1', [['k1', randomBytes(16)]]))).toThrow(/32 bytes/);
    expect(() => new TotpSecretSealer(ringOf('k 1', [['k 1', k1]]))).toThrow(/key id/);
  });
});
