import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { JourneyId, LegacyAccountId } from '../vocabulary/ids';

export const SessionLegacySessionsRevokedV1 = defineEvent(
  'rekey.session.legacy-sessions-revoked.v1',
  'session',
  z.object({
    legacyAccountId: LegacyAccountId,
    journeyId: JourneyId,
    revokedCount: z.number().int().nonnegative(),
    revokedAt: z.iso.datetime(),
    legacyLoginRetired: z.boolean(),
  }),
  {
    description:
      'Every legacy session of the account was revoked in the legacy system after enrolment completed. Internal; downstream applications read rekey.migration.legacy-sessions-revoked.v1.',
  },
);
export type SessionLegacySessionsRevokedV1 = EventData<typeof SessionLegacySessionsRevokedV1>;
