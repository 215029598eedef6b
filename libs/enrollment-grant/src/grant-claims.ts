import { z } from 'zod';

/** Who signs grants and who accepts them: reset-issuance hands a journey over to enrollment. */
export const ENROLLMENT_GRANT_ISSUER = 'reset-issuance';
export const ENROLLMENT_GRANT_AUDIENCE = 'enrollment';
export const ENROLLMENT_GRANT_ALGORITHM = 'EdDSA';

/** A grant is minutes-long: anything signed for longer than this is refused, whatever its signature. */
export const MAX_GRANT_LIFETIME_SECONDS = 600;

/** The assurance levels a wave's policy may require (NIST SP 800-63B). */
export type GrantAssuranceLevel = 'aal1' | 'aal2';

/**
 * What the wave's enrolment policy decides for this account, resolved by reset-issuance (which
 * owns waves) when it signs the grant, with its defaults when the wave was planned without one;
 * absent only from grants signed before reset-issuance resolved policies.
 */
export interface GrantEnrolmentPolicy {
  /** The lowest level the customer may finish on (for example AAL2 for privileged accounts). */
  minimumAssurance: GrantAssuranceLevel;
  /** After this, a bridging password alone no longer signs in. */
  passwordBridgeEndsAt: Date;
}

/**
 * A W3C traceparent (`version-traceid-spanid-flags`, lower-case hex). It names a span, nothing
 * more: not a secret, but a grant carries only this shape, so nothing else rides along in it.
 */
export const GRANT_TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** What a grant says about the journey it hands over; `sub` is the legacy account id. */
export interface EnrollmentGrantSubject {
  legacyAccountId: string;
  journeyId: string;
  waveId: string;
  targetAccountId: string;
  policy?: GrantEnrolmentPolicy;
  /**
   * The trace context of the request that issued the grant (the redemption, or the step-up pass):
   * enrollment continues the journey in that trace, so redeem → enrol → revoke is one trace.
   * Absent from grants signed outside a trace.
   */
  traceparent?: string;
}

export interface EnrollmentGrant extends EnrollmentGrantSubject {
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** The claims a verified grant must carry, beyond what jose checks itself. */
export const GrantClaims = z.object({
  sub: z.string().min(1).max(512),
  jti: z.uuid(),
  iat: z.number().int(),
  exp: z.number().int(),
  journeyId: z.uuid(),
  waveId: z.uuid(),
  targetAccountId: z.string().min(1).max(512),
  /** The enrolment policy: the minimum level, and the bridging password's end (seconds since the epoch). */
  minAal: z.enum(['aal1', 'aal2']).optional(),
  bridgeEnd: z.number().int().positive().optional(),
  /** The issuing request's W3C trace context (see EnrollmentGrantSubject.traceparent). */
  traceparent: z.string().regex(GRANT_TRACEPARENT_PATTERN).optional(),
});
