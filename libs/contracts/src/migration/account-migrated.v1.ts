import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { AssuranceLevel } from '../vocabulary/assurance';
import { LegacyAccountId, TargetAccountId } from '../vocabulary/ids';

export const MigrationAccountMigratedV1 = defineEvent(
  'rekey.migration.account-migrated.v1',
  'migration',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    migratedAt: z.iso.datetime(),
    assuranceLevel: AssuranceLevel,
  }),
  {
    description:
      'Public and stable: the legacy account is fully migrated (enrolled on the target account, legacy login retired). Downstream applications remap the legacy id to the target id.',
  },
);
export type MigrationAccountMigratedV1 = EventData<typeof MigrationAccountMigratedV1>;
