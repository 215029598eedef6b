import { MigrationAccountMigratedV1 } from './account-migrated.v1';
import { MigrationLegacySessionsRevokedV1 } from './legacy-sessions-revoked.v1';

export * from './account-migrated.v1';
export * from './legacy-sessions-revoked.v1';

export const migrationEvents = [MigrationAccountMigratedV1, MigrationLegacySessionsRevokedV1] as const;
