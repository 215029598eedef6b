import { EnrollmentBridgeExpiredV1 } from './bridge-expired.v1';
import { EnrollmentCompletedV1 } from './completed.v1';
import { EnrollmentCredentialAddedV1 } from './credential-added.v1';
import { EnrollmentDuplicateCredentialRefusedV1 } from './duplicate-credential-refused.v1';
import { EnrollmentFailedV1 } from './failed.v1';
import { EnrollmentSignInLockReleasedV1 } from './sign-in-lock-released.v1';
import { EnrollmentStartedV1 } from './started.v1';

export * from './bridge-expired.v1';
export * from './completed.v1';
export * from './credential-added.v1';
export * from './duplicate-credential-refused.v1';
export * from './enrollment-facts';
export * from './failed.v1';
export * from './sign-in-lock-released.v1';
export * from './started.v1';

export const enrollmentEvents = [
  EnrollmentStartedV1,
  EnrollmentCompletedV1,
  EnrollmentFailedV1,
  EnrollmentDuplicateCredentialRefusedV1,
  EnrollmentCredentialAddedV1,
  EnrollmentBridgeExpiredV1,
  EnrollmentSignInLockReleasedV1,
] as const;
