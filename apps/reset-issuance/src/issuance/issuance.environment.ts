import { z } from 'zod';

/**
 * The variables of link issuance and its scheduler. Spread into the service's environment in
 * reset-issuance.definition.ts; the issuance module reads them as IssuanceConfig, so it never
 * imports the definition (which imports the module).
 */
export const issuanceEnvironment = {
  // What the links point at.
  RESET_BASE_URL: z.url().default('http://127.0.0.1:3102'),
  // The wave scheduler: lease before an undelivered link or unsent notice is retried.
  SCHEDULER_ENABLED: z.stringbool().default(true),
  SCHEDULER_TICK_MS: z.coerce.number().int().positive().default(1_000),
  ISSUANCE_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  SEND_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(50),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().positive().default(120),
  REISSUE_COOLDOWN_SECONDS: z.coerce.number().int().nonnegative().default(300),
};
export type IssuanceConfig = z.infer<z.ZodObject<typeof issuanceEnvironment>>;
