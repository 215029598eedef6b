import { serviceEnvironment } from '@rekey/service-runtime';
import { z } from 'zod';

export const auditEnvironment = serviceEnvironment({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  // A checkpoint seals the chain head when this many records wait…
  AUDIT_CHECKPOINT_EVERY_RECORDS: z.coerce.number().int().positive().default(10_000),
  // …or when the oldest unsealed record has waited this long.
  AUDIT_CHECKPOINT_EVERY_SECONDS: z.coerce.number().int().positive().default(60),
  // Ed25519 private key, PKCS8 PEM or JWK (JSON). Required in production; elsewhere a
  // development key is generated once into the development key folder.
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
});

export type AuditConfig = z.infer<typeof auditEnvironment>;
