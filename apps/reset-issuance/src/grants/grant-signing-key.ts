import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { developmentKeysDir } from '@rekey/operator-auth';
import { readOrCreateSecretFile } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';

export const GRANT_SIGNING_KEY = Symbol('GrantSigningKey');

export interface LoadedGrantKey {
  privateKey: KeyObject;
  kid: string;
  /** What GET /.well-known/jwks.json publishes. */
  publicJwk: JWK;
}

/**
 * The Ed25519 key grants are signed with: ENROLLMENT_GRANT_KEY_PATH (PKCS8 PEM), required in
 * production; elsewhere one generated once into the development key folder.
 */
export async function loadGrantSigningKey(config: CustomerJourneyConfig): Promise<LoadedGrantKey> {
  const pem = await grantKeyPem(config);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('ENROLLMENT_GRANT_KEY_PATH: the key must be an Ed25519 private key (PKCS8 PEM)');
  }
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' } };
}

async function grantKeyPem(config: CustomerJourneyConfig): Promise<string> {
  if (config.ENROLLMENT_GRANT_KEY_PATH) {
    try {
      return await readFile(config.ENROLLMENT_GRANT_KEY_PATH, 'utf8');
    } catch (error) {
      throw new Error(`ENROLLMENT_GRANT_KEY_PATH: cannot read the key file (${(error as Error).message})`);
    }
  }
  if (config.NODE_ENV === 'production') {
    throw new Error('ENROLLMENT_GRANT_KEY_PATH: must be set in production');
  }
  return readOrCreateSecretFile(path.join(developmentKeysDir(), 'enrollment-grant.private.pem'), () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
}
