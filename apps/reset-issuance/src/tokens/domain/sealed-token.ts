import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashResetToken, sameHash } from './reset-token';

/**
 * A link's token, encrypted, kept beside its hash only until the message that carries it is
 * recorded delivered: a sender that dies with the message possibly sent resends the same link
 * instead of a new one, so whichever copy reaches the customer works.
 *
 * AES-256 in counter mode, one cipher per batch: a fresh random 128-bit counter block for the
 * batch, two blocks per token (its 32 bytes), so every token of every batch has counters of its
 * own. Setting up a cipher costs about 30 µs, several times what issuing a link costs otherwise;
 * one per batch keeps sealing out of the issuance figures. Integrity comes from the hash the row
 * already stores: a copy opens only when the token it decrypts to hashes to that row's
 * `token_hash`, so a copy altered, opened with another key or moved to another row is refused.
 *
 * Layout: version byte (1) · counter block (16) · ciphertext (32).
 */
const VERSION = 2;
const BLOCK = 16;
const TOKEN_BYTES = 32;
const SEALED_BYTES = 1 + BLOCK + TOKEN_BYTES;
export const LINK_SEALING_KEY_BYTES = 32;

export class TokenSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== LINK_SEALING_KEY_BYTES) {
      throw new Error(`a link sealing key has ${LINK_SEALING_KEY_BYTES} bytes`);
    }
  }

  /** Seals a batch of tokens (43-character base64url, 32 bytes each), in their order. */
  sealAll(tokens: readonly string[]): Buffer[] {
    if (tokens.length === 0) return [];
    const first = randomBytes(BLOCK);
    const plain = Buffer.concat(tokens.map(rawToken));
    const cipher = createCipheriv('aes-256-ctr', this.key, first);
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return tokens.map((_, index) => {
      const copy = Buffer.allocUnsafe(SEALED_BYTES);
      copy[0] = VERSION;
      addToCounter(first, index * (TOKEN_BYTES / BLOCK)).copy(copy, 1);
      sealed.copy(copy, 1 + BLOCK, index * TOKEN_BYTES, (index + 1) * TOKEN_BYTES);
      return copy;
    });
  }

  /**
   * The token, or undefined when the copy does not open to the token whose hash is `tokenHash`
   * (another key, another row, altered bytes): the caller then gives the journey a new link.
   */
  open(sealed: Buffer, tokenHash: Buffer): string | undefined {
    if (sealed.length !== SEALED_BYTES || sealed[0] !== VERSION) return undefined;
    const counter = sealed.subarray(1, 1 + BLOCK);
    const decipher = createDecipheriv('aes-256-ctr', this.key, counter);
    const raw = Buffer.concat([decipher.update(sealed.subarray(1 + BLOCK)), decipher.final()]);
    const token = raw.toString('base64url');
    return sameHash(hashResetToken(token), Buffer.from(tokenHash)) ? token : undefined;
  }
}

function rawToken(token: string): Buffer {
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== TOKEN_BYTES || raw.toString('base64url') !== token) {
    throw new Error('only reset tokens (32 bytes as base64url) are sealed');
  }
  return raw;
}

/** The 128-bit big-endian counter block `blocks` after `start`, as counter mode steps through them. */
function addToCounter(start: Buffer, blocks: number): Buffer {
  const counter = Buffer.from(start);
  let carry = blocks;
  for (let index = BLOCK - 1; index >= 0 && carry > 0; index--) {
    const sum = (counter[index] ?? 0) + (carry % 256);
    counter[index] = sum % 256;
    carry = Math.floor(carry / 256) + Math.floor(sum / 256);
  }
  return counter;
}
