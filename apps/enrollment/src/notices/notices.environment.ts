import { z } from 'zod';

/** How often the sender looks for queued notices, and how long a claimed notice is its own. */
export const noticesEnvironment = {
  NOTICE_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  NOTICE_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  NOTICE_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
};

export type NoticesConfig = z.infer<z.ZodObject<typeof noticesEnvironment>>;
