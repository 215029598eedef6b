/** A message in both forms: email bodies and, for SMS, the short text. */
export interface MessageContent {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

export interface Sender {
  /** Where links lead: `RESET_BASE_URL`. Its host is what customers are told to check. */
  resetBaseUrl: string;
}

/** The facts every message repeats, so customers can tell a genuine one from a phishing copy. */
export function authenticityHints(sender: Sender): string[] {
  const host = new URL(sender.resetBaseUrl).host;
  return [
    'We will never ask you for your password, by email, by text or on the phone.',
    `Our links always go to ${host} and nowhere else.`,
    'We never send attachments.',
  ];
}

// Building an Intl formatter costs far more than formatting with one: build each once.
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Every message of a batch states the same few minutes: each is formatted once.
const formattedMinutes = new Map<number, string>();

/** "Friday, 4 December 2026 at 10:00 UTC": unambiguous wherever the customer lives. */
export function formatDate(date: Date): string {
  const minute = Math.floor(date.getTime() / 60_000);
  let text = formattedMinutes.get(minute);
  if (text === undefined) {
    text = `${dayFormat.format(date)} at ${timeFormat.format(date)} UTC`;
    if (formattedMinutes.size >= 256) formattedMinutes.clear();
    formattedMinutes.set(minute, text);
  }
  return text;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plain paragraphs in, a minimal HTML document out (no images, no scripts, no remote content). */
export function htmlDocument(paragraphs: string[], hints: string[]): string {
  const body = paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
  const list = hints.map((hint) => `<li>${escapeHtml(hint)}</li>`).join('');
  return `<!doctype html>\n<html><body style="font-family:sans-serif">\n${body}\n<p><strong>How to recognise a genuine message from us</strong></p><ul>${list}</ul>\n</body></html>`;
}

export function textDocument(paragraphs: string[], hints: string[]): string {
  return [
    ...paragraphs,
    'How to recognise a genuine message from us:',
    ...hints.map((hint) => `- ${hint}`),
  ].join('\n\n');
}
