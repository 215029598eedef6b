import { z } from 'zod';

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90` (seconds), `500ms`, `30s`, `15m`, `2h`, `1d`, in milliseconds. */
export const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'expected a duration such as 30s, 15m, 2h or 1d')
  .transform((value) => {
    const [, amount = '0', unit = 's'] = /^(\d+)(ms|s|m|h|d)?$/.exec(value) ?? [];
    return Number(amount) * (units[unit] ?? 1_000);
  });

/** The durable revocation worker: how often it looks, how hard it retries, when it alerts. */
export const revocationsEnvironment = {
  REVOCATION_POLL_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(1_000),
  REVOCATION_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  // Longer than a few legacy calls (LEGACY_API_TIMEOUT_MS each): a lease that ends mid-call lets
  // another replica send the same idempotency key again (harmless, but a wasted call).
  REVOCATION_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  REVOCATION_RETRY_INITIAL_MS: z.coerce.number().int().min(1).max(3_600_000).default(1_000),
  REVOCATION_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000),
  /** A revocation not done this long after it became due raises rekey.session.revocation-stalled.v1 once. */
  REVOCATION_STALLED_AFTER: duration.default(3_600_000),
};

export type RevocationsConfig = z.infer<z.ZodObject<typeof revocationsEnvironment>>;
