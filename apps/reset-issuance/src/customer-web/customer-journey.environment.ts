import type { ServiceEnvironment } from '@rekey/service-runtime';
import { z } from 'zod';

const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The variables of the customer side of reset issuance: redemption, rate limits, step-up and the
 * enrollment grant. Spread into the service's environment in reset-issuance.definition.ts.
 */
export const customerJourneyEnvironment = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  // A host name, not an IP address: browsers refuse an IP address as a WebAuthn relying party.
  ENROLLMENT_URL: z.url().default('http://localhost:3103'),
  /** How many proxies in front of the service append to X-Forwarded-For; 0 ignores the header. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** A PKCS8 PEM Ed25519 key; generated once into the development key folder when unset outside production. */
  ENROLLMENT_GRANT_KEY_PATH: z.string().min(1).optional(),
  ENROLLMENT_GRANT_LIFETIME_SECONDS: z.coerce.number().int().min(30).max(600).default(300),
  /** The HMAC key of step-up codes (at least 32 characters); a generated file outside production. */
  STEP_UP_CODE_KEY: z.string().min(32).optional(),
  STEP_UP_CODE_LIFETIME_MINUTES: z.coerce.number().int().min(1).max(10).default(10),
  STEP_UP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_GLOBAL_SHARDS: z.coerce.number().int().min(1).max(64).default(8),
  REDEEM_LIMIT_PER_IP: limit(20),
  REDEEM_LIMIT_PER_SUBNET: limit(100),
  REDEEM_LIMIT_PER_ACCOUNT: limit(10),
  REDEEM_LIMIT_GLOBAL: limit(3000),
  REQUEST_LINK_LIMIT_PER_IP: limit(5),
  REQUEST_LINK_LIMIT_PER_SUBNET: limit(20),
  REQUEST_LINK_LIMIT_GLOBAL: limit(600),
  STEP_UP_LIMIT_PER_IP: limit(20),
  STEP_UP_LIMIT_PER_SUBNET: limit(100),
  STEP_UP_LIMIT_PER_ACCOUNT: limit(10),
  STEP_UP_LIMIT_GLOBAL: limit(3000),
};

/**
 * What the customer-side modules read from SERVICE_CONFIG. RESET_BASE_URL (the origin POSTs must
 * come from) is shared with link issuance and declared beside its variables in the definition.
 */
export type CustomerJourneyConfig = ServiceEnvironment &
  z.infer<z.ZodObject<typeof customerJourneyEnvironment>> & {
    RESET_BASE_URL: string;
  };
