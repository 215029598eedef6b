import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealedTotpSecretUnreadable } from './totp.errors';
import { TotpSecret, type RandomBytes } from './totp-secret';

export const SEALING_KEY_BYTES = 32;
/** Letters, digits, `.`, `_`, `-`: a key id is stored in every sealed secret, so keep it short. */
export const SEALING_KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;

/** The keys sealed secrets open with; new secrets are sealed with the active one. */
export interface SealingKeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Separates this use of the keys from any other the same key could be given by mistake.
const PURPOSE = Buffer.from('rekey.totp-secret', 'ascii');

/**
 * TOTP secrets sealed at rest with AES-256-GCM.
 *
 * Layout: version (1) · key id length (1) · key id (n, ASCII) · IV (12, random) · ciphertext ·
 * tag (16). The key id says which key of the ring opens it, so secrets sealed before a rotation
 * still open as long as their key stays in the ring. The additional authenticated data is the
 * purpose, the header and the account id: a sealed secret copied onto another account's row, or
 * given another key id, does not open.
 */
export class TotpSecretSealer {
  constructor(
    private readonly ring: SealingKeyRing,
    private readonly random: RandomBytes = randomBytes,
  ) {
    validateKeyRing(ring);
  }

  /** The key id new secrets are sealed with, stored beside them to find rows to re-seal. */
  get activeKeyId(): string {
    return this.ring.activeKeyId;
  }

  seal(accountId: string, secret: TotpSecret): Buffer {
    const keyId = this.ring.activeKeyId;
    const key = this.ring.keys.get(keyId) as Buffer;
    const header = headerOf(keyId);
    const iv = this.random(IV_BYTES);
    if (iv.length !== IV_BYTES)
      throw new RangeError(`the randomness port gave ${iv.length} bytes, not ${IV_BYTES}`);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(header, accountId));
    const plain = secret.bytes();
    try {
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([header, iv, ciphertext, cipher.getAuthTag()]);
    } finally {
      plain.fill(0);
    }
  }

  /** The secret, or SealedTotpSecretUnreadable saying why not (never what the bytes hold). */
  open(accountId: string, sealed: Uint8Array): TotpSecret {
    const bytes = Buffer.from(sealed);
    if (bytes.length < 2) throw new SealedTotpSecretUnreadable('malformed');
    if (bytes[0] !== VERSION) throw new SealedTotpSecretUnreadable('unknown-version');
    const keyIdLength = bytes[1] as number;
    const headerLength = 2 + keyIdLength;
    if (keyIdLength === 0 || bytes.length <= headerLength + IV_BYTES + TAG_BYTES) {
      throw new SealedTotpSecretUnreadable('malformed');
    }
    const keyId = bytes.subarray(2, headerLength).toString('latin1');
    const key = this.ring.keys.get(keyId);
    if (!key) throw new SealedTotpSecretUnreadable('unknown-key');

    const header = bytes.subarray(0, headerLength);
    const iv = bytes.subarray(headerLength, headerLength + IV_BYTES);
    const ciphertext = bytes.subarray(headerLength + IV_BYTES, bytes.length - TAG_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(header, accountId));
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      // OpenSSL's message says nothing of the secret, but a bare reason is all a caller needs.
      throw new SealedTotpSecretUnreadable('not-authentic');
    }
    try {
      return TotpSecret.fromBytes(plain);
    } catch {
      throw new SealedTotpSecretUnreadable('malformed');
    } finally {
      plain.fill(0);
    }
  }

  /** Whether a sealed secret was sealed with another key than the active one (to re-seal it). */
  isSealedWithRetiredKey(sealed: Uint8Array): boolean {
    const keyIdLength = sealed[1] ?? 0;
    return Buffer.from(sealed.subarray(2, 2 + keyIdLength)).toString('latin1') !== this.ring.activeKeyId;
  }
}

export function validateKeyRing(ring: SealingKeyRing): void {
  for (const [keyId, key] of ring.keys) {
    if (!SEALING_KEY_ID.test(keyId)) throw new RangeError('a sealing key id has 1 to 32 of [A-Za-z0-9._-]');
    if (key.length !== SEALING_KEY_BYTES) {
      throw new RangeError(`sealing key ${keyId} does not have ${SEALING_KEY_BYTES} bytes`);
    }
  }
  if (!ring.keys.has(ring.activeKeyId))
    throw new RangeError(`the active sealing key ${ring.activeKeyId} is not in the ring`);
}

function headerOf(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'latin1');
  return Buffer.concat([Buffer.from([VERSION, id.length]), id]);
}

function additionalData(header: Buffer, accountId: string): Buffer {
  return Buffer.concat([PURPOSE, header, Buffer.from(accountId, 'utf8')]);
}
