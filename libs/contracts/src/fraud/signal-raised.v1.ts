import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { JourneyId, LegacyAccountId, WaveId } from '../vocabulary/ids';

export const FraudSignalKinds = [
  'velocity_ip',
  'velocity_subnet',
  'velocity_device',
  'velocity_account',
  'failed_redemption_burst',
  'enumeration',
  'duplicate_registration',
  'abandoned_journey',
] as const;

export const FraudSignalRaisedV1 = defineEvent(
  'rekey.fraud.signal-raised.v1',
  'fraud',
  z.object({
    signalId: z.uuid(),
    kind: z.enum(FraudSignalKinds),
    severity: z.enum(['low', 'medium', 'high']),
    riskScore: z.number().min(0).max(1),
    legacyAccountId: LegacyAccountId.optional(),
    relatedLegacyAccountIds: z
      .array(LegacyAccountId)
      .max(100)
      .optional()
      .describe('Other accounts involved, e.g. sharing one passkey.'),
    journeyId: JourneyId.optional(),
    waveId: WaveId.optional(),
    scope: z
      .object({
        ipAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
        subnet: z.cidrv4().or(z.cidrv6()).optional(),
        deviceId: z.string().min(1).max(128).optional(),
      })
      .optional(),
    observedCount: z.number().int().nonnegative(),
    windowStartedAt: z.iso.datetime(),
    windowEndedAt: z.iso.datetime(),
    action: z.enum(['none', 'step_up', 'hold']).describe('What fraud monitoring does about it.'),
  }),
  {
    description: 'Fraud monitoring saw a risky pattern.',
    subject:
      'The legacy account id when the signal is about one account; otherwise the address, subnet or device id in `scope` that it is about.',
  },
);
export type FraudSignalRaisedV1 = EventData<typeof FraudSignalRaisedV1>;
