import { escapeHtml, formatDate, type MessageContent } from './message-content';

/**
 * The message that carries a step-up code. It says when the code expires and that nobody from us
 * will ask for it, so a caller asking for it is known to be a fraud.
 */
export function stepUpCodeMessage(code: string, expiresAt: Date): MessageContent {
  const expires = `It expires at ${formatDate(expiresAt)}. Nobody from us will ever ask you for it.`;
  const intro = `Your verification code is ${code}.`;
  return {
    subject: 'Your verification code',
    text: `${intro}\n\n${expires}`,
    html: `<!doctype html>\n<html><body style="font-family:sans-serif">\n<p>Your verification code is <strong>${escapeHtml(code)}</strong>.</p>\n<p>${escapeHtml(expires)}</p>\n</body></html>`,
    sms: `${intro} ${expires}`,
  };
}
