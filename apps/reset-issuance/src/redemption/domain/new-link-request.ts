import type { ContactKind } from '@rekey/contracts';
import { z } from 'zod';
import { contactHash } from '../../eligibility/domain/contact-hash';

/**
 * The hash "send me a new link" stores: the address in Unicode NFKC (so look-alike compatibility
 * forms are one address), then issuance's contact normalisation (trimmed, lower-case) and SHA-256,
 * which is how eligible_contact indexes verified addresses.
 */
export function newLinkRequestHash(kind: ContactKind, address: string): Buffer {
  return contactHash(kind, address.normalize('NFKC'));
}

const EmailAddress = z.string().trim().max(254).pipe(z.email());

/** The address of a new-link form, or undefined when what was entered is not one. */
export function requestedAddressOf(body: unknown): string | undefined {
  const result = EmailAddress.safeParse((body as { email?: unknown } | null | undefined)?.email);
  return result.success ? result.data : undefined;
}
