import { KeyObject, sign, type webcrypto } from 'node:crypto';
import {
  GRANT_TRACEPARENT_PATTERN,
  ENROLLMENT_GRANT_ALGORITHM,
  ENROLLMENT_GRANT_AUDIENCE,
  ENROLLMENT_GRANT_ISSUER,
  MAX_GRANT_LIFETIME_SECONDS,
  type EnrollmentGrant,
  type EnrollmentGrantSubject,
} from './grant-claims';

export interface GrantSigningKey {
  /** An Ed25519 private key. */
  privateKey: webcrypto.CryptoKey | KeyObject;
  kid: string;
}

export interface SignEnrollmentGrantOptions {
  key: GrantSigningKey;
  jti: string;
  now: Date;
  lifetimeSeconds: number;
}

/**
 * Signs the hand-off of one journey to enrollment: EdDSA, audience `enrollment`, single-use `jti`.
 *
 * A compact JWS made with node:crypto's one-shot Ed25519 signature rather than jose's SignJWT:
 * jose signs through WebCrypto, a job on the thread pool that costs about four times the CPU, on
 * the path of every redeemed link. Verification, where the checks live, stays with jose.
 */
export async function signEnrollmentGrant(
  subject: EnrollmentGrantSubject,
  options: SignEnrollmentGrantOptions,
): Promise<{ jwt: string; grant: EnrollmentGrant }> {
  if (options.lifetimeSeconds <= 0 || options.lifetimeSeconds > MAX_GRANT_LIFETIME_SECONDS) {
    throw new Error(`A grant lives between 1 and ${MAX_GRANT_LIFETIME_SECONDS} seconds`);
  }
  const privateKey = ed25519PrivateKeyOf(options.key.privateKey);
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  const expiresAt = issuedAt + options.lifetimeSeconds;
  const header = { alg: ENROLLMENT_GRANT_ALGORITHM, kid: options.key.kid, typ: 'JWT' };
  const claims = {
    journeyId: subject.journeyId,
    waveId: subject.waveId,
    targetAccountId: subject.targetAccountId,
    ...(subject.policy
      ? {
          minAal: subject.policy.minimumAssurance,
          bridgeEnd: Math.floor(subject.policy.passwordBridgeEndsAt.getTime() / 1000),
        }
      : {}),
    // A malformed trace context is left out rather than making a grant enrollment would refuse.
    ...(subject.traceparent && GRANT_TRACEPARENT_PATTERN.test(subject.traceparent)
      ? { traceparent: subject.traceparent }
      : {}),
    iss: ENROLLMENT_GRANT_ISSUER,
    aud: ENROLLMENT_GRANT_AUDIENCE,
    sub: subject.legacyAccountId,
    jti: options.jti,
    iat: issuedAt,
    exp: expiresAt,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  // Ed25519 takes no digest: the algorithm argument is null.
  const signature = sign(null, Buffer.from(signingInput), privateKey).toString('base64url');
  return {
    jwt: `${signingInput}.${signature}`,
    grant: {
      ...withoutTraceparent(subject),
      ...(claims.traceparent ? { traceparent: claims.traceparent } : {}),
      jti: options.jti,
      issuedAt: new Date(issuedAt * 1000),
      expiresAt: new Date(expiresAt * 1000),
    },
  };
}

function withoutTraceparent(subject: EnrollmentGrantSubject): EnrollmentGrantSubject {
  const { traceparent: _traceparent, ...rest } = subject;
  return rest;
}

function ed25519PrivateKeyOf(key: webcrypto.CryptoKey | KeyObject): KeyObject {
  const keyObject = key instanceof KeyObject ? key : KeyObject.from(key);
  if (keyObject.type !== 'private' || keyObject.asymmetricKeyType !== 'ed25519') {
    throw new Error('An enrollment grant is signed with an Ed25519 private key');
  }
  return keyObject;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
