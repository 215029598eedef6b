import { randomBytes } from 'node:crypto';
import { TokenSealer } from '../tokens/domain/sealed-token';

/** A sealer with a key of its own, for specs: what it seals opens only with it. */
export function testTokenSealer(): TokenSealer {
  return new TokenSealer(randomBytes(32));
}
