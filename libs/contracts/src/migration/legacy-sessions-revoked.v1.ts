import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';

export const MigrationLegacySessionsRevokedV1 = defineEvent(
  'rekey.migration.legacy-sessions-revoked.v1',
  'migration',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    revokedAt: z.iso.datetime().describe('Every legacy session issued before this instant is revoked.'),
  }),
  {
    description:
      'Public and stable: the legacy sessions of the account are revoked. Downstream applications drop any session or cache they hold for the legacy account.',
  },
);
export type MigrationLegacySessionsRevokedV1 = EventData<typeof MigrationLegacySessionsRevokedV1>;
