export {
  ENROLLMENT_GRANT_ALGORITHM,
  ENROLLMENT_GRANT_AUDIENCE,
  ENROLLMENT_GRANT_ISSUER,
  GRANT_TRACEPARENT_PATTERN,
  MAX_GRANT_LIFETIME_SECONDS,
  type EnrollmentGrant,
  type EnrollmentGrantSubject,
  type GrantAssuranceLevel,
  type GrantEnrolmentPolicy,
} from './grant-claims';
export { EnrollmentGrantRejected, type GrantRejectionReason } from './enrollment-grant.errors';
export {
  signEnrollmentGrant,
  type GrantSigningKey,
  type SignEnrollmentGrantOptions,
} from './sign-enrollment-grant';
export {
  verifyEnrollmentGrant,
  type ConsumeJti,
  type VerifyEnrollmentGrantOptions,
} from './verify-enrollment-grant';
export { createPgJtiStore, type PgJtiStore } from './pg-jti-store';
export { ConsumedGrantJtis1767657600001 } from './consumed-grant-jtis.migration';
