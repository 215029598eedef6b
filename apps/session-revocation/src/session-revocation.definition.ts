import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import type { z } from 'zod';
import { legacySystemEnvironment } from './legacy-system/legacy-system.environment';
import { LegacyRevocation1769100000000 } from './migrations/1769100000000-legacy-revocation';
import { LegacySessionInventory1769200000000 } from './migrations/1769200000000-legacy-session-inventory';
import { resyncEnvironment } from './resync/resync.environment';
import { revocationsEnvironment } from './revocations/revocations.environment';
import { SessionRevocationModule } from './session-revocation.module';

export const sessionRevocationEnvironment = serviceEnvironment({
  // The legacy HTTP API: URL, credential, timeout, whether it can suspend, the circuit breaker.
  ...legacySystemEnvironment,
  // The durable worker: poll interval, batch, lease, retry backoff, stalled-alert age.
  ...revocationsEnvironment,
  // The re-sync worker: poll interval, accounts per tick, lease.
  ...resyncEnvironment,
});
export type SessionRevocationConfig = z.infer<typeof sessionRevocationEnvironment>;

export const sessionRevocationService: ServiceDefinition = {
  name: 'session-revocation',
  description: 'Revokes legacy sessions and retires the legacy login once enrolment completes.',
  version: '0.1.0',
  environment: sessionRevocationEnvironment,
  module: SessionRevocationModule,
  entities: [],
  migrations: [LegacyRevocation1769100000000, LegacySessionInventory1769200000000],
};
