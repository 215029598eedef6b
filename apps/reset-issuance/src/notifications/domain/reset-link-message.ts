import {
  authenticityHints,
  escapeHtml,
  formatDate,
  htmlDocument,
  textDocument,
  type MessageContent,
  type Sender,
} from './message-content';
import { formatResetCode, resetCodeOf } from '../../tokens/domain/reset-code';

/**
 * The link carries the token in its fragment (`#t=`): browsers never send a fragment to the
 * server, so it stays out of access logs, proxies and Referer headers.
 */
export function resetLink(sender: Sender, token: string): string {
  return `${sender.resetBaseUrl.replace(/\/+$/, '')}/reset#t=${token}`;
}

/**
 * The same for every copy of one link: a resend after a crash carries the same Message-ID, so a
 * mail system that sees the message twice can fold it, and the file adapter replaces its file.
 * Names the journey and the token's issuance, never the token.
 */
export function resetLinkMessageId(issuance: { journeyId: string; id: string }): string {
  return `reset-link-${issuance.journeyId}-${issuance.id}`;
}

/** Where customers type the code by hand: the link page, with nothing secret in the address. */
export function resetPageAddress(sender: Sender): string {
  return `${sender.resetBaseUrl.replace(/\/+$/, '')}/reset`;
}

/**
 * The message that carries a reset link; the link is its only copy of the token. Its short code
 * (derived from the token, spent with it) is for browsers that run no script, which cannot read
 * the fragment: the customer opens the page and types it.
 */
export function resetLinkMessage(sender: Sender, token: string, expiresAt: Date): MessageContent {
  const hints = authenticityHints(sender);
  const link = resetLink(sender, token);
  const code = formatResetCode(resetCodeOf(token));
  const page = resetPageAddress(sender);
  const byCode = `If the link does not work, open ${page} and enter this code: ${code}`;
  const expiry = formatDate(expiresAt);
  const host = new URL(sender.resetBaseUrl).host;
  const intro = 'Here is your personal link to set up your new sign-in. It works once.';
  const expires = `The link expires on ${expiry}. If it has expired, you can ask for a new one.`;
  return {
    subject: 'Your personal link to set up your new sign-in',
    text: textDocument([intro, link, byCode, expires], hints),
    html: htmlDocument(
      [
        escapeHtml(intro),
        `<a href="${escapeHtml(link)}">Set up my new sign-in on ${escapeHtml(host)}</a>`,
        `If the link does not work, open ${escapeHtml(page)} and enter this code: <strong>${code}</strong>`,
        escapeHtml(expires),
      ],
      hints,
    ),
    sms: `Your link to set up your new sign-in (expires ${expiry}): ${link} (or enter code ${code} at ${page}). We never ask for your password.`,
  };
}
