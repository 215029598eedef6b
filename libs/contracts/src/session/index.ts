import { SessionDriftRepairedV1 } from './drift-repaired.v1';
import { SessionLegacySessionsResumedV1 } from './legacy-sessions-resumed.v1';
import { SessionLegacySessionsRevokedV1 } from './legacy-sessions-revoked.v1';
import { SessionLegacySessionsSuspendedV1 } from './legacy-sessions-suspended.v1';
import { SessionResyncCompletedV1 } from './resync-completed.v1';
import { SessionRevocationStalledV1 } from './revocation-stalled.v1';

export * from './drift-repaired.v1';
export * from './legacy-sessions-resumed.v1';
export * from './legacy-sessions-revoked.v1';
export * from './legacy-sessions-suspended.v1';
export * from './resync-completed.v1';
export * from './revocation-stalled.v1';

export const sessionEvents = [
  SessionLegacySessionsRevokedV1,
  SessionLegacySessionsSuspendedV1,
  SessionLegacySessionsResumedV1,
  SessionRevocationStalledV1,
  SessionDriftRepairedV1,
  SessionResyncCompletedV1,
] as const;
