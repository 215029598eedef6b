import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { LegacyAccountId } from '../vocabulary/ids';

export const SessionLegacySessionsResumedV1 = defineEvent(
  'rekey.session.legacy-sessions-resumed.v1',
  'session',
  z.object({
    legacyAccountId: LegacyAccountId,
    holdId: z.uuid(),
    resumedCount: z.number().int().nonnegative(),
    resumedAt: z.iso.datetime(),
  }),
  {
    description:
      'The hold was released: the legacy sessions it suspended are active again. Sessions revoked meanwhile (by enrolment) stay revoked.',
  },
);
export type SessionLegacySessionsResumedV1 = EventData<typeof SessionLegacySessionsResumedV1>;
