import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { JourneyId, LegacyAccountId } from '../vocabulary/ids';

export const SessionRevocationStalledV1 = defineEvent(
  'rekey.session.revocation-stalled.v1',
  'session',
  z.object({
    legacyAccountId: LegacyAccountId,
    journeyId: JourneyId,
    attempts: z.number().int().nonnegative().describe('Calls to the legacy system tried so far.'),
    firstAttemptAt: z.iso.datetime(),
    lastErrorCode: z
      .string()
      .min(1)
      .max(100)
      .describe('The stable code of the last failure, e.g. `legacy.unavailable` (never a credential).'),
  }),
  {
    description:
      "An enrolled account's legacy sessions are still not revoked past the configured age (or the legacy system refused them for good): an operator should look. Raised once per revocation; it keeps being retried.",
  },
);
export type SessionRevocationStalledV1 = EventData<typeof SessionRevocationStalledV1>;
