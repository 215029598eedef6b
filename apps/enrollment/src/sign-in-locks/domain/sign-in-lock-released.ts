import { createEvent, EnrollmentSignInLockReleasedV1, type RekeyEvent } from '@rekey/contracts';
import { ENROLLMENT_SOURCE } from '../../enrolments/domain/enrolment-events';

/** Who lifted a lockout, and when. */
export interface SignInLockRelease {
  legacyAccountId: string;
  /** The operator token's subject: a support agent, since only support holds `sign-in:unlock`. */
  releasedBy: string;
  releasedAt: Date;
}

/** The audited record of a release: who, for which account, and how many failures it cleared. */
export function signInLockReleased(release: SignInLockRelease, failuresAtRelease: number): RekeyEvent {
  return createEvent(
    EnrollmentSignInLockReleasedV1,
    {
      legacyAccountId: release.legacyAccountId,
      failuresAtRelease,
      releasedBy: { subject: release.releasedBy, role: 'support' },
    },
    { source: ENROLLMENT_SOURCE, subject: release.legacyAccountId },
    () => release.releasedAt,
  );
}
