import { createEvent, EnrollmentBridgeExpiredV1, type RekeyEvent } from '@rekey/contracts';
import { ENROLLMENT_SOURCE } from '../../enrolments/domain/enrolment-events';

/** An account whose bridging password alone stopped signing in at `bridgeEndedAt`. */
export interface EndedBridge {
  legacyAccountId: string;
  targetAccountId: string;
  bridgeEndedAt: Date;
}

/** The one bridge-expired event of an account, whether the sign-in path or the sweep meets the end. */
export function bridgeExpiredEvent(bridge: EndedBridge, now: () => Date): RekeyEvent {
  return createEvent(
    EnrollmentBridgeExpiredV1,
    {
      legacyAccountId: bridge.legacyAccountId,
      targetAccountId: bridge.targetAccountId,
      bridgeEndedAt: bridge.bridgeEndedAt.toISOString(),
    },
    { source: ENROLLMENT_SOURCE, subject: bridge.legacyAccountId },
    now,
  );
}
