import { z } from 'zod';
import type { EnrollmentWebConfig } from '../customer-web/enrollment-web.environment';

const origins = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()).min(1));

/** WebAuthn's relying party. rpID and origins are required in production (see webAuthnPolicyOf). */
export const webAuthnEnvironment = {
  WEBAUTHN_RP_ID: z.string().min(1).max(253).optional(),
  WEBAUTHN_RP_NAME: z.string().min(1).max(64).default('Rekey'),
  /** Comma-separated origins the pages are served from (several behind different host names). */
  WEBAUTHN_ORIGINS: origins.optional(),
  WEBAUTHN_CHALLENGE_SECONDS: z.coerce.number().int().min(30).max(600).default(300),
  WEBAUTHN_ATTESTATION: z.enum(['none', 'direct', 'enterprise']).default('none'),
};

export type WebAuthnConfig = EnrollmentWebConfig & z.infer<z.ZodObject<typeof webAuthnEnvironment>>;
