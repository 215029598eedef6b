import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { LegacyAccountId } from '../vocabulary/ids';

export const EnrollmentSignInLockReleasedV1 = defineEvent(
  'rekey.enrollment.sign-in-lock-released.v1',
  'enrollment',
  z.object({
    legacyAccountId: LegacyAccountId,
    failuresAtRelease: z
      .number()
      .int()
      .positive()
      .describe('Consecutive failed sign-ins the account had when support lifted the lockout.'),
    releasedBy: EventActor,
  }),
  {
    description:
      "Support lifted a migrated account's password, authenticator-code and recovery-code sign-in lockout after proving the customer some other way.",
  },
);
export type EnrollmentSignInLockReleasedV1 = EventData<typeof EnrollmentSignInLockReleasedV1>;
