import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { EnrollmentGrantRejected, type GrantRejectionReason } from './enrollment-grant.errors';
import {
  ENROLLMENT_GRANT_ALGORITHM,
  ENROLLMENT_GRANT_AUDIENCE,
  GrantClaims,
  MAX_GRANT_LIFETIME_SECONDS,
  type EnrollmentGrant,
} from './grant-claims';

/** Marks a `jti` used; false when it already was, so a grant works once across all replicas. */
export type ConsumeJti = (jti: string, expiresAt: Date) => Promise<boolean>;

export interface VerifyEnrollmentGrantOptions {
  /** The issuer's public keys: a JWKS, the URL of its JWKS endpoint, or a key set made with jose. */
  jwks: JSONWebKeySet | URL | JWTVerifyGetKey;
  issuer: string;
  consumeJti: ConsumeJti;
  now?: Date;
}

// Small allowance for replicas whose clocks drift; a grant's lifetime is counted in minutes.
const CLOCK_TOLERANCE_SECONDS = 5;
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

/**
 * Verifies a grant and spends it: EdDSA only, the issuer's keys, audience `enrollment`, not
 * expired, a lifetime of at most ten minutes, every claim present, and a `jti` never seen before.
 * Refusals are EnrollmentGrantRejected with a reason; the grant never appears in the error.
 */
export async function verifyEnrollmentGrant(
  jwt: string,
  options: VerifyEnrollmentGrantOptions,
): Promise<EnrollmentGrant> {
  const now = options.now ?? new Date();
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(jwt, keySetOf(options.jwks), {
      algorithms: [ENROLLMENT_GRANT_ALGORITHM],
      issuer: options.issuer,
      audience: ENROLLMENT_GRANT_AUDIENCE,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
    }));
  } catch (error) {
    throw new EnrollmentGrantRejected(reasonOf(error), { cause: error });
  }

  const claims = GrantClaims.safeParse(payload);
  if (!claims.success) throw new EnrollmentGrantRejected('claims');
  const { sub, jti, iat, exp, journeyId, waveId, targetAccountId, minAal, bridgeEnd, traceparent } =
    claims.data;
  if (exp - iat > MAX_GRANT_LIFETIME_SECONDS) throw new EnrollmentGrantRejected('lifetime-too-long');
  if (iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw new EnrollmentGrantRejected('not-yet-valid');
  }

  const expiresAt = new Date(exp * 1000);
  // Spent last, so a grant refused for another reason stays usable by whoever legitimately holds it.
  if (!(await options.consumeJti(jti, expiresAt))) throw new EnrollmentGrantRejected('already-used');
  return {
    legacyAccountId: sub,
    journeyId,
    waveId,
    targetAccountId,
    ...(minAal && bridgeEnd
      ? { policy: { minimumAssurance: minAal, passwordBridgeEndsAt: new Date(bridgeEnd * 1000) } }
      : {}),
    ...(traceparent ? { traceparent } : {}),
    jti,
    issuedAt: new Date(iat * 1000),
    expiresAt,
  };
}

function keySetOf(jwks: VerifyEnrollmentGrantOptions['jwks']): JWTVerifyGetKey {
  if (typeof jwks === 'function') return jwks;
  if (jwks instanceof URL) {
    let keySet = remoteKeySets.get(jwks.href);
    if (!keySet) {
      keySet = createRemoteJWKSet(jwks);
      remoteKeySets.set(jwks.href, keySet);
    }
    return keySet;
  }
  return createLocalJWKSet(jwks);
}

function reasonOf(error: unknown): GrantRejectionReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not-yet-valid';
    return 'claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'algorithm';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'signature';
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'key-set-unavailable';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  // A failed fetch of a remote key set surfaces as a plain error from fetch.
  if (error instanceof TypeError) return 'key-set-unavailable';
  return 'malformed';
}
