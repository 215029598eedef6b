import type { VerifiedContact } from '@rekey/contracts';
import { newMessageId, type OutgoingMessage } from '@rekey/notifications';
import type { MessageContent } from './message-content';

/** One message for one contact: both email bodies, or the short SMS text. */
export function messageTo(
  contact: VerifiedContact,
  content: MessageContent,
  id = newMessageId(),
): OutgoingMessage {
  return contact.kind === 'email'
    ? {
        id,
        channel: 'email',
        recipient: contact.value,
        subject: content.subject,
        text: content.text,
        html: content.html,
      }
    : { id, channel: 'sms', recipient: contact.value, subject: content.subject, text: content.sms };
}
