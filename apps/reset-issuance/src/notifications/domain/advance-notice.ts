import {
  authenticityHints,
  escapeHtml,
  formatDate,
  htmlDocument,
  textDocument,
  type MessageContent,
  type Sender,
} from './message-content';

/** Sent at the wave's notice time: what is coming, by when, and how to spot a fake. */
export function advanceNotice(sender: Sender, wave: { startsAt: Date; cutoffAt: Date }): MessageContent {
  const hints = authenticityHints(sender);
  const cutoff = formatDate(wave.cutoffAt);
  const paragraphs = [
    'We are moving your account to a new, more secure sign-in.',
    `From ${formatDate(wave.startsAt)} we will send you a personal link to set up your new sign-in (a passkey, an authenticator app or a new password). Your current password will not carry over.`,
    `Please complete the change before ${cutoff}. After that date you will no longer be able to sign in with your current password.`,
  ];
  return {
    subject: `Your sign-in is changing: action needed before ${cutoff}`,
    text: textDocument(paragraphs, hints),
    html: htmlDocument(paragraphs.map(escapeHtml), hints),
    sms: `Your sign-in is changing. Your current password will not carry over after ${cutoff}; we will text or email you a link on ${new URL(sender.resetBaseUrl).host}. We never ask for your password.`,
  };
}
