import type { ContactKind } from '@rekey/contracts';
import { contactHash } from '../../eligibility/domain/contact-hash';

/**
 * The hash "send me a new link" stores: the address in Unicode NFKC (so look-alike compatibility
 * forms are one address), then issuance's contact normalisation (trimmed, lower-case) and SHA-256,
 * which is how eligible_contact indexes verified addresses.
 */
export function newLinkRequestHash(kind: ContactKind, address: string): Buffer {
  return contactHash(kind, address.normalize('NFKC'));
}
