import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';
import { MaskedContact } from '../vocabulary/masked-contact';

export const ResetTokenIssuedV1 = defineEvent(
  'rekey.reset.token-issued.v1',
  'reset',
  z.object({
    legacyAccountId: LegacyAccountId,
    waveId: WaveId,
    journeyId: JourneyId.optional(),
    issuanceId: z.uuid().describe('Identifies this issuance (never the link or its value).'),
    expiresAt: z.iso.datetime(),
    channel: MaskedContact,
    trigger: z.enum(['wave', 'reissue', 'support_assisted']),
    issuedBy: EventActor.optional().describe('The support agent, for an assisted reset.'),
    supersedesIssuanceId: z.uuid().optional().describe('The earlier issuance this one made unusable.'),
  }),
  {
    description:
      'A single-use reset link was sent. The link and its value never leave reset issuance: this says only that one exists, until when, and where it went (masked).',
  },
);
export type ResetTokenIssuedV1 = EventData<typeof ResetTokenIssuedV1>;
