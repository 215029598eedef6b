import type { VerifiedContact } from '@rekey/contracts';

/** Notices and links go to the first verified email; accounts without one get SMS. */
export function deliveryChannel(contacts: readonly VerifiedContact[]): VerifiedContact | undefined {
  return (
    contacts.find((contact) => contact.kind === 'email') ?? contacts.find((contact) => contact.kind === 'sms')
  );
}
