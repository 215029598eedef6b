import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWSAlgorithm,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { assertOperatorAuthConfig, type OperatorAuthConfig } from './operator-auth.config';
import type { OperatorActor } from './operator-actor';

// Asymmetric only: a shared-secret (HS*) or `none` token is refused whatever the key set holds.
const allowedAlgorithms: JWSAlgorithm[] = ['EdDSA', 'Ed25519', 'ES256', 'RS256'];
const clockToleranceSeconds = 30;

/** The token is not one we accept; `reason` is for logs and never names the token itself. */
export class OperatorTokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`operator token rejected: ${reason}`);
    this.name = 'OperatorTokenRejected';
  }
}

/** The identity provider's keys could not be fetched: our failure, not the caller's. */
export class OperatorKeySetUnavailable extends Error {
  constructor(cause: unknown) {
    super('operator JWKS unavailable', { cause });
    this.name = 'OperatorKeySetUnavailable';
  }
}

// Failures that say something about the token; anything else (timeouts, a non-200 JWKS answer,
// unparsable JWKS) is about the key set.
const tokenErrors = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
];

/** Verifies operator bearer tokens against the configured key set, issuer and audience. */
export class OperatorTokenVerifier {
  private constructor(
    private readonly config: OperatorAuthConfig,
    private readonly keys: JWTVerifyGetKey,
  ) {}

  /** Reads a local JWKS file now, so a wrong path stops the service at start-up. */
  static async create(config: OperatorAuthConfig): Promise<OperatorTokenVerifier> {
    assertOperatorAuthConfig(config);
    if (config.jwksUrl) return new OperatorTokenVerifier(config, createRemoteJWKSet(new URL(config.jwksUrl)));
    const path = config.jwksPath as string;
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(await readFile(path, 'utf8')) as JSONWebKeySet;
    } catch (error) {
      throw new Error(`Cannot read the operator JWKS file ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return new OperatorTokenVerifier(config, createLocalJWKSet(jwks));
  }

  async verify(token: string): Promise<OperatorActor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: allowedAlgorithms,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (tokenErrors.some((type) => error instanceof type)) throw new OperatorTokenRejected(reasonOf(error));
      throw new OperatorKeySetUnavailable(error);
    }
    return {
      subject: payload.sub as string,
      scopes: scopesOf(payload),
      tokenId: typeof payload.jti === 'string' ? payload.jti : undefined,
    };
  }

  /**
   * Whether a token, signature unchecked, claims to be for the operator API. Customer routes use
   * it to refuse operator tokens; a forged claim can only get its own request refused.
   */
  claimsOperatorAudience(token: string): boolean {
    let payload: JWTPayload;
    try {
      payload = decodeJwt(token);
    } catch {
      return false;
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return payload.iss === this.config.issuer || audiences.includes(this.config.audience);
  }
}

/** Scopes from `scope` (space-separated, RFC 8693) and `scp` (an array or a string, as some providers write it). */
function scopesOf(payload: JWTPayload): string[] {
  const scopes = new Set<string>();
  for (const claim of [payload['scope'], payload['scp']]) {
    const values = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
    for (const value of values) if (typeof value === 'string' && value.trim()) scopes.add(value.trim());
  }
  return [...scopes];
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `claim "${error.claim}" ${error.reason}`;
  return (error as errors.JOSEError).code;
}
