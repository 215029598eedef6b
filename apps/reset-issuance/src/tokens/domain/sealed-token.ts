import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A link's token, encrypted, kept beside its hash only until the message that carries it is
 * recorded delivered: a sender that dies with the message possibly sent resends the same link
 * instead of a new one, so whichever copy reaches the customer works. AES-256-GCM with a fresh
 * 96-bit nonce; the issuance id is the additional data, so a sealed token moved to another row
 * does not open.
 *
 * Layout: version byte (1) · nonce (12) · ciphertext (43 for a token) · tag (16).
 */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const LINK_SEALING_KEY_BYTES = 32;

export class TokenSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== LINK_SEALING_KEY_BYTES) {
      throw new Error(`a link sealing key has ${LINK_SEALING_KEY_BYTES} bytes`);
    }
  }

  seal(token: string, issuanceId: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(issuanceId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), nonce, sealed, cipher.getAuthTag()]);
  }

  /**
   * The token, or undefined when the copy does not open with this key for this issuance (another
   * key, another row, altered bytes): the caller then gives the journey a new link.
   */
  open(sealed: Buffer, issuanceId: string): string | undefined {
    if (sealed.length <= 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) return undefined;
    const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const body = sealed.subarray(1 + NONCE_BYTES, sealed.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(issuanceId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
