import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { OperatorScope } from '../operator-scopes';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  developmentKeysDir,
  ensureDevelopmentKeyPair,
} from './development-keys';

export interface MintOperatorTokenOptions {
  subject: string;
  scopes: readonly OperatorScope[];
  ttlSeconds: number;
  /** Where the development key lives; `developmentKeysDir()` by default. */
  keysDir?: string;
}

/** Signs a development operator token with the development key (created if needed). */
export async function mintOperatorToken(options: MintOperatorTokenOptions): Promise<string> {
  const { subject, scopes, ttlSeconds, keysDir = developmentKeysDir() } = options;
  if (!subject.trim()) throw new Error('An operator token needs a subject');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`The token lifetime must be a positive number of seconds, not ${ttlSeconds}`);
  }
  const { kid, privateJwk } = await ensureDevelopmentKeyPair(keysDir);
  const signingKey = await importJWK(privateJwk, 'EdDSA');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(DEVELOPMENT_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setJti(randomUUID())
    .sign(signingKey);
}
