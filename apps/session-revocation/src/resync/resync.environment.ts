import { z } from 'zod';

/** The re-sync worker's settings; its legacy calls share the revocation worker's breaker. */
export const resyncEnvironment = {
  RESYNC_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  RESYNC_BATCH_SIZE: z.coerce.number().int().positive().max(1000).default(50),
  RESYNC_LEASE_SECONDS: z.coerce.number().positive().default(60),
};

export interface ResyncConfig {
  RESYNC_POLL_INTERVAL_MS: number;
  RESYNC_BATCH_SIZE: number;
  RESYNC_LEASE_SECONDS: number;
}
