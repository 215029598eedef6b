import { formatResetCode, resetCodeOf } from '../../tokens/domain/reset-code';
import { advanceNotice } from './advance-notice';
import { formatDate, type MessageContent } from './message-content';
import { messageTo } from './outgoing-message';
import { reminder } from './reminder';
import { resetLink, resetLinkMessage } from './reset-link-message';
import { stepUpCodeMessage } from './step-up-code-message';

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

describe('stepUpCodeMessage', () => {
  const message = stepUpCodeMessage('042917', new Date('2026-12-18T17:40:00Z'));

  it('gives the code and its expiry in every body, never in the subject', () => {
    expect(message.subject).toBe('Your verification code');
    for (const body of [message.text, message.html, message.sms]) {
      expect(body).toContain('042917');
      expect(body).toContain('Friday, 18 December 2026 at 17:40 UTC');
      expect(body).toContain('Nobody from us will ever ask you for it.');
    }
  });
});

describe('messageTo', () => {
  const content = resetLinkMessage(sender, token, cutoffAt);

  it('sends an email both bodies under the message id', () => {
    expect(messageTo({ kind: 'email', value: 'jane@example.com' }, content, 'm-1')).toEqual({
      id: 'm-1',
      channel: 'email',
      recipient: 'jane@example.com',
      subject: content.subject,
      text: content.text,
      html: content.html,
    });
  });

  it('sends an SMS its short text only, under a fresh time-ordered id by default', () => {
    const message = messageTo({ kind: 'sms', value: '+33612345678' }, content);
    expect(message).toEqual({
      id: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f-]{36}$/),
      channel: 'sms',
      recipient: '+33612345678',
      subject: content.subject,
      text: content.sms,
    });
    expect(message).not.toHaveProperty('html');
  });
});
