import { z } from 'zod';

/** 32 bytes as base64url: 43 characters of the URL-safe alphabet, padded or not. */
const SEALING_KEY = /^[A-Za-z0-9_-]{43}=?$/;

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
  /**
   * Links handed to the transport and not yet recorded delivered, at most, in one replica: what a
   * crash can leave possibly sent, and so what a restart sends again (with the same link).
   */
  DELIVERY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(500),
  /** AES-256 key of undelivered links' sealed tokens; a generated file outside production. */
  LINK_SEALING_KEY: z
    .string()
    .regex(
      SEALING_KEY,
      'must be 32 bytes as base64url (43 characters, e.g. `openssl rand 32 | basenc --base64url`)',
    )
    .optional(),
};
export type IssuanceConfig = z.infer<z.ZodObject<typeof issuanceEnvironment>>;
