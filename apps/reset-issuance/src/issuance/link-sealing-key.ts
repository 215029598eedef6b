import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { developmentKeysDir } from '@rekey/operator-auth';
import { readOrCreateSecretFile } from '@rekey/service-runtime';

import { LINK_SEALING_KEY_BYTES, TokenSealer } from '../tokens/domain/sealed-token';
import type { IssuanceConfig } from './issuance.environment';

export const TOKEN_SEALER = Symbol('TokenSealer');

/**
 * The AES-256 key undelivered links are sealed with: LINK_SEALING_KEY (32 bytes as base64url),
 * required in production; elsewhere a random key generated once beside the operator development
 * keys, so every local replica opens what another sealed.
 */
export async function loadTokenSealer(
  config: Pick<IssuanceConfig, 'LINK_SEALING_KEY'> & { NODE_ENV?: string },
): Promise<TokenSealer> {
  if (config.LINK_SEALING_KEY) return new TokenSealer(Buffer.from(config.LINK_SEALING_KEY, 'base64url'));
  if (config.NODE_ENV === 'production') {
    throw new Error('LINK_SEALING_KEY: must be set in production (32 random bytes as base64url)');
  }
  const file = path.join(developmentKeysDir(), 'link-sealing-key');
  const key = await readOrCreateSecretFile(file, () =>
    randomBytes(LINK_SEALING_KEY_BYTES).toString('base64url'),
  );
  return new TokenSealer(Buffer.from(key, 'base64url'));
}
