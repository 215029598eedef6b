import {
  authenticityHints,
  escapeHtml,
  formatDate,
  htmlDocument,
  textDocument,
  type MessageContent,
  type Sender,
} from './message-content';

/** Sent before the cutoff to customers who have not used their link yet. */
export function reminder(sender: Sender, wave: { cutoffAt: Date }): MessageContent {
  const hints = authenticityHints(sender);
  const cutoff = formatDate(wave.cutoffAt);
  const paragraphs = [
    `Reminder: your current password stops working on ${cutoff}.`,
    'Use the personal link we sent you to set up your new sign-in. If it has expired, ask for a new one on our sign-in page: your old password will not carry over.',
  ];
  return {
    subject: `Reminder: set up your new sign-in before ${cutoff}`,
    text: textDocument(paragraphs, hints),
    html: htmlDocument(paragraphs.map(escapeHtml), hints),
    sms: `Reminder: your current password stops working on ${cutoff}. Use the link we sent you (${new URL(sender.resetBaseUrl).host} only). We never ask for your password.`,
  };
}
