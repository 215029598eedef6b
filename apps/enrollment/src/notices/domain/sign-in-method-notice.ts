import type { EnrolledMethod } from '../../enrolments/domain/enrolment';

/** A notice waiting to go out, as stored: one per verified contact of the account. */
export interface SignInMethodNotice {
  id: string;
  channel: 'email' | 'sms';
  /** The verified address or number, copied when the notice was queued. */
  recipient: string;
  methods: EnrolledMethod[];
  addedAt: Date;
}

export interface NoticeMessage {
  /** Derived from the notice id alone, so a retried send names the same message (and file). */
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  text: string;
  html?: string;
}

const methodWords: Record<EnrolledMethod, string> = {
  passkey: 'passkey',
  totp: 'authenticator app',
  password: 'password',
  recovery_codes: 'recovery codes',
};

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "passkey", "authenticator app and password": recovery codes are a way back in, not a method. */
export function methodNames(methods: readonly EnrolledMethod[]): string {
  const named = methods.filter((method) => method !== 'recovery_codes').map((method) => methodWords[method]);
  const words = named.length > 0 ? named : methods.map((method) => methodWords[method]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * NIST SP 800-63B §6.1.2.1: tell the customer on every verified channel that a sign-in method was
 * added, so a change they did not make is noticed. Plain words only: no link (a link in an
 * unexpected message is what phishing looks like), no code, nothing secret. Built from the stored
 * notice alone, so a retry after a crash sends exactly the same message.
 */
export function signInMethodNoticeMessage(notice: SignInMethodNotice): NoticeMessage {
  const sentence = `A new sign-in method (${methodNames(notice.methods)}) was added to your account on ${dayFormat.format(notice.addedAt)}.`;
  const advice = "If this wasn't you, contact support.";
  const id = `sign-in-method-${notice.id}`;
  const subject = 'A new sign-in method was added to your account';
  if (notice.channel === 'sms') {
    return { id, channel: 'sms', recipient: notice.recipient, subject, text: `${sentence} ${advice}` };
  }
  return {
    id,
    channel: 'email',
    recipient: notice.recipient,
    subject,
    text: `${sentence}\n\n${advice}\n\nWe will never ask you for your password, a code or a passkey by email, by text or on the phone.`,
    html: `<!doctype html>\n<html><body style="font-family:sans-serif">\n<p>${sentence}</p>\n<p>${advice.replace("'", '&#39;')}</p>\n<p>We will never ask you for your password, a code or a passkey by email, by text or on the phone.</p>\n</body></html>`,
  };
}
