import { createHash } from 'node:crypto';
import type { ContactKind } from '@rekey/contracts';

/**
 * Addresses are compared after normalising: case and surrounding spaces do not make another
 * mailbox, and phone numbers are compared on their digits (E.164 keeps the leading +).
 */
export function normaliseContact(kind: ContactKind, value: string): string {
  const trimmed = value.trim();
  return kind === 'email' ? trimmed.toLowerCase() : trimmed.replace(/[^\d+]/g, '');
}

/** What eligible_contact and reissue_request store: the SHA-256 of `kind:normalised value`. */
export function contactHash(kind: ContactKind, value: string): Buffer {
  return createHash('sha256')
    .update(`${kind}:${normaliseContact(kind, value)}`, 'utf8')
    .digest();
}
