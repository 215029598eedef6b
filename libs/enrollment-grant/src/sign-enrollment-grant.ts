import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import {
  ENROLLMENT_GRANT_ALGORITHM,
  ENROLLMENT_GRANT_AUDIENCE,
  ENROLLMENT_GRANT_ISSUER,
  MAX_GRANT_LIFETIME_SECONDS,
  type EnrollmentGrant,
  type EnrollmentGrantSubject,
} from './grant-claims';

export interface GrantSigningKey {
  privateKey: CryptoKey | KeyObject;
  kid: string;
}

export interface SignEnrollmentGrantOptions {
  key: GrantSigningKey;
  jti: string;
  now: Date;
  lifetimeSeconds: number;
}

/** Signs the hand-off of one journey to enrollment: EdDSA, audience `enrollment`, single-use `jti`. */
export async function signEnrollmentGrant(
  subject: EnrollmentGrantSubject,
  options: SignEnrollmentGrantOptions,
): Promise<{ jwt: string; grant: EnrollmentGrant }> {
  if (options.lifetimeSeconds <= 0 || options.lifetimeSeconds > MAX_GRANT_LIFETIME_SECONDS) {
    throw new Error(`A grant lives between 1 and ${MAX_GRANT_LIFETIME_SECONDS} seconds`);
  }
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  const expiresAt = issuedAt + options.lifetimeSeconds;
  const jwt = await new SignJWT({
    journeyId: subject.journeyId,
    waveId: subject.waveId,
    targetAccountId: subject.targetAccountId,
  })
    .setProtectedHeader({ alg: ENROLLMENT_GRANT_ALGORITHM, kid: options.key.kid, typ: 'JWT' })
    .setIssuer(ENROLLMENT_GRANT_ISSUER)
    .setAudience(ENROLLMENT_GRANT_AUDIENCE)
    .setSubject(subject.legacyAccountId)
    .setJti(options.jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(options.key.privateKey);
  return {
    jwt,
    grant: {
      ...subject,
      jti: options.jti,
      issuedAt: new Date(issuedAt * 1000),
      expiresAt: new Date(expiresAt * 1000),
    },
  };
}
