import { z } from 'zod';

export const ContactKinds = ['email', 'sms'] as const;
export type ContactKind = (typeof ContactKinds)[number];

/**
 * Where a message went, masked: enough for support to recognise it, not enough to contact or
 * enumerate the customer. Events never carry a contact in clear.
 */
export const MaskedContact = z
  .object({
    kind: z.enum(ContactKinds),
    masked: z.string().min(3).max(254).regex(/\*/, 'must be masked (contain "*")'),
  })
  .describe('A masked email address or phone number.');
export type MaskedContact = z.infer<typeof MaskedContact>;

/** `jane.doe@example.com` -> `j******e@e******.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return maskMiddle(address);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const maskedDomain =
    dot > 0 ? `${maskMiddle(domain.slice(0, dot), 1, 0)}${domain.slice(dot)}` : maskMiddle(domain);
  return `${maskMiddle(address.slice(0, at))}@${maskedDomain}`;
}

/** `+33612345678` -> `+33*******78`: the country prefix and the last two digits stay. */
export function maskPhone(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return maskMiddle(digits, Math.min(3, Math.max(digits.length - 3, 1)), 2);
}

export function maskContact(kind: ContactKind, value: string): MaskedContact {
  return { kind, masked: kind === 'email' ? maskEmail(value) : maskPhone(value) };
}

function maskMiddle(value: string, keepStart = 1, keepEnd = 1): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(Math.max(value.length, 3));
  return `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${value.slice(value.length - keepEnd)}`;
}
