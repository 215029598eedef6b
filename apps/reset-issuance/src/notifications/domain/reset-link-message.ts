import {
  authenticityHints,
  escapeHtml,
  formatDate,
  htmlDocument,
  textDocument,
  type MessageContent,
  type Sender,
} from './message-content';

/**
 * The link carries the token in its fragment (`#t=`): browsers never send a fragment to the
 * server, so it stays out of access logs, proxies and Referer headers.
 */
export function resetLink(sender: Sender, token: string): string {
  return `${sender.resetBaseUrl.replace(/\/+$/, '')}/reset#t=${token}`;
}

/** The message that carries a reset link; the link is its only copy of the token. */
export function resetLinkMessage(sender: Sender, token: string, expiresAt: Date): MessageContent {
  const hints = authenticityHints(sender);
  const link = resetLink(sender, token);
  const expiry = formatDate(expiresAt);
  const host = new URL(sender.resetBaseUrl).host;
  const intro = 'Here is your personal link to set up your new sign-in. It works once.';
  const expires = `The link expires on ${expiry}. If it has expired, you can ask for a new one.`;
  return {
    subject: 'Your personal link to set up your new sign-in',
    text: textDocument([intro, link, expires], hints),
    html: htmlDocument(
      [
        escapeHtml(intro),
        `<a href="${escapeHtml(link)}">Set up my new sign-in on ${escapeHtml(host)}</a>`,
        escapeHtml(expires),
      ],
      hints,
    ),
    sms: `Your link to set up your new sign-in (expires ${expiry}): ${link} We never ask for your password.`,
  };
}
