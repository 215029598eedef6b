import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { LegacyAccountId } from '../vocabulary/ids';

export const SessionDriftRepairedV1 = defineEvent(
  'rekey.session.drift-repaired.v1',
  'session',
  z.object({
    legacyAccountId: LegacyAccountId,
    runId: z.uuid().describe('The re-sync run that found and repaired the drift.'),
    sessionsRevoked: z
      .number()
      .int()
      .nonnegative()
      .describe('Legacy sessions found active or suspended after the revocation, revoked again.'),
    loginRetiredAgain: z.boolean().describe('The legacy login was found not retired and was retired again.'),
  }),
  {
    description:
      "A re-sync found a migrated account's legacy side out of step (a session created after its revocation, or its login not retired) and repaired it.",
  },
);
export type SessionDriftRepairedV1 = EventData<typeof SessionDriftRepairedV1>;
