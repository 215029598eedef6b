import { z } from 'zod';
import { ContactKinds } from '../vocabulary/masked-contact';

/**
 * A verified contact in clear. Only the linked event carries them, because reset issuance must
 * reach the customer (notices and links on one channel, step-up codes on another) without reading
 * identity matching's tables.
 */
export const VerifiedContact = z.object({
  kind: z.enum(ContactKinds),
  value: z.string().min(3).max(254).describe('An email address (normalised) or an E.164 phone number.'),
});
export type VerifiedContact = z.infer<typeof VerifiedContact>;
