import { z } from 'zod';
import type { EnrollmentWebConfig } from '../customer-web/enrollment-web.environment';

/** Sign-in's limits and session length; spread into the service's environment in the definition. */
export const signInEnvironment = {
  /** Fixed window the per-address limits count in. */
  SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Password, TOTP and passkey attempts per client address and window. */
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
  /** The same per /24 (IPv4) or /64 (IPv6): rotating addresses in one allocation does not help. */
  SIGN_IN_LIMIT_PER_SUBNET: z.coerce.number().int().positive().default(300),
  /** A signed-in session; the pre-sign-in attempt lasts a tenth of it, at least 5 minutes. */
  SIGN_IN_SESSION_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** How often password-only accounts past their bridge end are looked for (bridge-expired.v1). */
  BRIDGE_EXPIRY_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(24 * 3_600_000)
    .default(60_000),
};

export type SignInConfig = EnrollmentWebConfig & z.infer<z.ZodObject<typeof signInEnvironment>>;
