import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';

export const EnrollmentBridgeExpiredV1 = defineEvent(
  'rekey.enrollment.bridge-expired.v1',
  'enrollment',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    bridgeEndedAt: z.iso.datetime(),
  }),
  {
    description:
      "A customer's bridging password reached its end date without a passkey or TOTP added: the password alone no longer signs in.",
  },
);
export type EnrollmentBridgeExpiredV1 = EventData<typeof EnrollmentBridgeExpiredV1>;
