import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { LegacyAccountId } from '../vocabulary/ids';

export const SessionLegacySessionsSuspendedV1 = defineEvent(
  'rekey.session.legacy-sessions-suspended.v1',
  'session',
  z.object({
    legacyAccountId: LegacyAccountId,
    holdId: z.uuid(),
    suspendedCount: z.number().int().nonnegative(),
    suspendedAt: z.iso.datetime(),
    revokedInstead: z
      .boolean()
      .describe('True when the legacy system cannot suspend: the sessions were revoked instead.'),
  }),
  {
    description:
      "A hold (an operator's or security's) is in place: the account's legacy sessions are suspended, or revoked where the legacy system cannot suspend.",
  },
);
export type SessionLegacySessionsSuspendedV1 = EventData<typeof SessionLegacySessionsSuspendedV1>;
