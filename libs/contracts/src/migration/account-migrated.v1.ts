import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EnrollmentMethod } from '../enrollment/enrollment-facts';
import { AssuranceLevel } from '../vocabulary/assurance';
import { JourneyId, LegacyAccountId, TargetAccountId, WaveId } from '../vocabulary/ids';

/*
 * Published only once the migration of the account is complete: enrolled on a verified link, every
 * legacy session revoked and the legacy login retired. Ids, methods and times; never a contact.
 */
export const MigrationAccountMigratedV1 = defineEvent(
  'rekey.migration.account-migrated.v1',
  'migration',
  z.object({
    legacyAccountId: LegacyAccountId,
    targetAccountId: TargetAccountId,
    migratedAt: z.iso.datetime().describe('When the migration completed (the legacy login was retired).'),
    assuranceLevel: AssuranceLevel,
    journeyId: JourneyId,
    waveId: WaveId,
    methods: z
      .array(EnrollmentMethod)
      .min(1)
      .describe(
        'The kinds of credential the customer enrolled on the target account (never the credentials).',
      ),
    enrolledAt: z.iso.datetime().describe('When the customer completed enrolment on the target account.'),
    legacySessionsRevokedAt: z.iso
      .datetime()
      .describe('Every legacy session issued before this instant is revoked.'),
  }),
  {
    description:
      'Public and stable: the legacy account is fully migrated (enrolled on the target account, legacy login retired). Downstream applications remap the legacy id to the target id. Published once every legacy session is revoked, together with rekey.migration.legacy-sessions-revoked.v1.',
  },
);
export type MigrationAccountMigratedV1 = EventData<typeof MigrationAccountMigratedV1>;
