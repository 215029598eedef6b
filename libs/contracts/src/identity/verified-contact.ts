import { z } from 'zod';
import { ContactKinds } from '../vocabulary/masked-contact';

export const VERIFIED_CONTACT_DESCRIPTION = 'A verified contact in clear: restricted topics only.';

/**
 * A verified contact in clear. Only rekey.identity.contacts-released carries them, on a restricted
 * topic, because reset issuance must reach the customer (notices and links on one channel, step-up
 * codes on another) without reading identity matching's tables. Everywhere else: MaskedContact.
 */
export const VerifiedContact = z
  .object({
    kind: z.enum(ContactKinds),
    value: z.string().min(3).max(254).describe('An email address (normalised) or an E.164 phone number.'),
  })
  .describe(VERIFIED_CONTACT_DESCRIPTION);
export type VerifiedContact = z.infer<typeof VerifiedContact>;
