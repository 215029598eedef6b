import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

// Shapes only: the library checks the bytes. A response that does not even have this shape is
// refused as malformed before any verification is attempted.
const base64url = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[A-Za-z0-9_-]+$/);
const clientExtensionResults = z.object({}).loose();

const RegistrationResponse = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z
    .object({
      clientDataJSON: base64url,
      attestationObject: z
        .string()
        .min(1)
        .max(16_384)
        .regex(/^[A-Za-z0-9_-]+$/),
      transports: z.array(z.string().max(32)).max(10).optional(),
    })
    .loose(),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
});

const AuthenticationResponse = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z
    .object({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.optional(),
    })
    .loose(),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
});

export function registrationResponseOf(body: unknown): RegistrationResponseJSON | undefined {
  const parsed = RegistrationResponse.safeParse(body);
  return parsed.success ? (parsed.data as RegistrationResponseJSON) : undefined;
}

export function authenticationResponseOf(body: unknown): AuthenticationResponseJSON | undefined {
  const parsed = AuthenticationResponse.safeParse(body);
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : undefined;
}
