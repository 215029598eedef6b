import { SessionLegacySessionsRevokedV1 } from './legacy-sessions-revoked.v1';

export * from './legacy-sessions-revoked.v1';

export const sessionEvents = [SessionLegacySessionsRevokedV1] as const;
