import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { ClientOrigin } from '../vocabulary/client';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';

export const RedemptionFailureReasons = [
  'unknown',
  'expired',
  'already_used',
  'superseded',
  'held',
  'rate_limited',
] as const;

export const ResetRedemptionFailedV1 = defineEvent(
  'rekey.reset.redemption-failed.v1',
  'reset',
  z.object({
    reason: z.enum(RedemptionFailureReasons),
    legacyAccountId: LegacyAccountId.optional().describe('Absent when the link matched no account.'),
    waveId: WaveId.optional(),
    journeyId: JourneyId.optional(),
    issuanceId: z.uuid().optional(),
    client: ClientOrigin,
  }),
  {
    description:
      'An attempt to spend a reset link failed. The customer saw the same answer whatever the reason; the presented value is never recorded.',
    subject:
      "The legacy account id when the link matched an account; the client IP address (`client.ipAddress`) when it matched none, so that one address's failed attempts stay in order for velocity counting.",
  },
);
export type ResetRedemptionFailedV1 = EventData<typeof ResetRedemptionFailedV1>;
