import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { developmentKeysDir } from '@rekey/operator-auth';
import { readOrCreateSecretFile } from '@rekey/service-runtime';
import type { AuditConfig } from '../audit.environment';

export const CHECKPOINT_SIGNING_KEY = Symbol('CheckpointSigningKey');

export interface CheckpointSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The JWK thumbprint (RFC 7638) of the public key. */
  kid: string;
  /** What GET /.well-known/jwks.json publishes. */
  publicJwk: JWK;
}

/** AUDIT_SIGNING_KEY (PKCS8 PEM or a private JWK), required in production; elsewhere a development key. */
export async function loadCheckpointSigningKey(
  config: Pick<AuditConfig, 'AUDIT_SIGNING_KEY' | 'NODE_ENV'>,
): Promise<CheckpointSigningKey> {
  const privateKey = parseKey(await keyText(config));
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('AUDIT_SIGNING_KEY: the key must be an Ed25519 private key');
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' } };
}

function parseKey(text: string): KeyObject {
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) return createPrivateKey({ key: JSON.parse(trimmed) as JWK, format: 'jwk' });
    return createPrivateKey(trimmed);
  } catch {
    // The key's text never goes into a message.
    throw new Error('AUDIT_SIGNING_KEY: not a readable PKCS8 PEM or JWK private key');
  }
}

async function keyText(config: Pick<AuditConfig, 'AUDIT_SIGNING_KEY' | 'NODE_ENV'>): Promise<string> {
  if (config.AUDIT_SIGNING_KEY) return config.AUDIT_SIGNING_KEY;
  if (config.NODE_ENV === 'production') throw new Error('AUDIT_SIGNING_KEY: must be set in production');
  return readOrCreateSecretFile(path.join(developmentKeysDir(), 'audit-checkpoint.private.pem'), () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
}
