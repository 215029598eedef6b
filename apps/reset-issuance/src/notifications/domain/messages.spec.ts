import { formatResetCode, resetCodeOf } from '../../tokens/domain/reset-code';
import { advanceNotice } from './advance-notice';
import { formatDate, type MessageContent } from './message-content';
import { reminder } from './reminder';
import { resetLink, resetLinkMessage } from './reset-link-message';

const sender = { resetBaseUrl: 'https://reset.example.com' };
const startsAt = new Date('2026-12-01T09:00:00Z');
const cutoffAt = new Date('2026-12-18T17:30:00Z');
const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';

function everyForm(message: MessageContent): string[] {
  return [message.subject, message.text, message.html, message.sms];
}

function expectAuthenticityHints(message: MessageContent): void {
  for (const body of [message.text, message.html]) {
    expect(body).toContain('never ask you for your password');
    expect(body).toContain('go to reset.example.com');
    expect(body).toContain('never send attachments');
  }
  expect(message.sms).toContain('never ask for your password');
}

describe('formatDate', () => {
  it('names the day, the date and the time in UTC', () => {
    expect(formatDate(cutoffAt)).toBe('Friday, 18 December 2026 at 17:30 UTC');
  });

  it('gives every moment of a minute that minute, and the next minute its own', () => {
    const minute = Date.parse('2026-12-18T23:59:00Z');
    expect(formatDate(new Date(minute))).toBe('Friday, 18 December 2026 at 23:59 UTC');
    expect(formatDate(new Date(minute + 59_999))).toBe('Friday, 18 December 2026 at 23:59 UTC');
    expect(formatDate(new Date(minute + 60_000))).toBe('Saturday, 19 December 2026 at 00:00 UTC');
  });
});

describe('advanceNotice', () => {
  const message = advanceNotice(sender, { startsAt, cutoffAt });

  it('says the old password will not carry over and gives the cutoff date', () => {
    expect(message.text).toContain('Your current password will not carry over');
    for (const form of everyForm(message)) expect(form).toContain('18 December 2026');
  });

  it('tells how to recognise a genuine message', () => {
    expectAuthenticityHints(message);
  });
});

describe('reminder', () => {
  it('gives the cutoff date and the authenticity hints', () => {
    const message = reminder(sender, { cutoffAt });
    for (const form of everyForm(message)) expect(form).toContain('18 December 2026');
    expectAuthenticityHints(message);
  });
});

describe('resetLinkMessage', () => {
  const expiresAt = new Date('2026-12-01T09:30:00Z');
  const message = resetLinkMessage(sender, token, expiresAt);
  const link = `https://reset.example.com/reset#t=${token}`;

  it('puts the token in the fragment of a link to the reset host', () => {
    expect(resetLink({ resetBaseUrl: 'https://reset.example.com/' }, token)).toBe(link);
    expect(message.text).toContain(link);
    expect(message.html).toContain(`href="${link}"`);
    expect(message.sms).toContain(link);
  });

  it('never shows the token outside the link', () => {
    for (const form of everyForm(message)) {
      expect(form.split(token).length - 1).toBe(form.split(link).length - 1);
    }
    expect(message.subject).not.toContain(token);
  });

  it('gives the short code of the link for browsers without JavaScript, and the page to type it in', () => {
    const code = formatResetCode(resetCodeOf(token));
    for (const form of [message.text, message.html, message.sms]) {
      expect(form).toContain(code);
      expect(form).toMatch(/https:\/\/reset\.example\.com\/reset[^#]/);
    }
    expect(message.subject).not.toContain(code);
  });

  it('gives the expiry time and the authenticity hints', () => {
    expect(message.text).toContain('Tuesday, 1 December 2026 at 09:30 UTC');
    expectAuthenticityHints(message);
  });

  it('escapes the link in HTML', () => {
    const odd = resetLinkMessage({ resetBaseUrl: 'https://reset.example.com/?a=1&b="2"' }, token, expiresAt);
    expect(odd.html).not.toContain('"2"');
    expect(odd.html).toContain('&amp;');
  });
});
