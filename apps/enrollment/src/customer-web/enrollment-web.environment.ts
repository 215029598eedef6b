import type { ServiceEnvironment } from '@rekey/service-runtime';
import { z } from 'zod';

/**
 * The variables of enrollment's customer pages: where they are served, where grants come from,
 * how long a customer session lasts. Spread into the service's environment in the definition.
 */
export const enrollmentWebEnvironment = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** The public origin of the enrolment pages: POSTs must come from it. A WebAuthn rpID must be a host name, not an IP address. */
  ENROLLMENT_BASE_URL: z.url().default('http://localhost:3103'),
  /** reset-issuance, whose /.well-known/jwks.json holds the keys grants are signed with. */
  RESET_ISSUANCE_URL: z.url().default('http://127.0.0.1:3102'),
  /** How many proxies in front of the service append to X-Forwarded-For; 0 ignores the header. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** A customer session: long enough to enrol, short enough that a forgotten tab closes itself. */
  ENROLLMENT_SESSION_MINUTES: z.coerce.number().int().min(5).max(120).default(30),
  /**
   * For grants of waves planned without an enrolment policy: how long a bridging password alone
   * keeps signing in. Such grants allow AAL1.
   */
  DEFAULT_PASSWORD_BRIDGE_DAYS: z.coerce.number().int().min(1).max(365).default(90),
};

export type EnrollmentWebConfig = ServiceEnvironment & z.infer<z.ZodObject<typeof enrollmentWebEnvironment>>;
