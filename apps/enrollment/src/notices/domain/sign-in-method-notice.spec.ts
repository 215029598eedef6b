import { methodNames, signInMethodNoticeMessage, type SignInMethodNotice } from './sign-in-method-notice';

const notice = (change: Partial<SignInMethodNotice> = {}): SignInMethodNotice => ({
  id: '0b9d2f2e-5d1c-4a8e-9c1e-2f4f6a7b8c9d',
  channel: 'email',
  recipient: 'ada@mail.example',
  methods: ['passkey'],
  addedAt: new Date('2026-12-02T15:00:00Z'),
  ...change,
});

describe('signInMethodNoticeMessage', () => {
  it('tells the customer in plain words which method was added and when, and what to do if it was not them', () => {
    const message = signInMethodNoticeMessage(notice());
    expect(message).toMatchObject({ channel: 'email', recipient: 'ada@mail.example' });
    expect(message.text).toContain(
      'A new sign-in method (passkey) was added to your account on 2 December 2026.',
    );
    expect(message.text).toContain("If this wasn't you, contact support.");
    expect(message.html).toContain('A new sign-in method (passkey) was added');
  });

  it('sends SMS the two sentences alone', () => {
    const message = signInMethodNoticeMessage(notice({ channel: 'sms', recipient: '+447700900123' }));
    expect(message).toMatchObject({ channel: 'sms', recipient: '+447700900123' });
    expect(message.text).toBe(
      "A new sign-in method (passkey) was added to your account on 2 December 2026. If this wasn't you, contact support.",
    );
    expect(message.html).toBeUndefined();
  });

  it('names the message after the notice, so a retried send writes the same message', () => {
    expect(signInMethodNoticeMessage(notice()).id).toBe(
      'sign-in-method-0b9d2f2e-5d1c-4a8e-9c1e-2f4f6a7b8c9d',
    );
    expect(signInMethodNoticeMessage(notice())).toEqual(signInMethodNoticeMessage(notice()));
  });

  it('carries no link, no code and nothing but the method and the date', () => {
    for (const channel of ['email', 'sms'] as const) {
      const message = signInMethodNoticeMessage(
        notice({ channel, methods: ['password', 'totp', 'recovery_codes'] }),
      );
      const all = `${message.subject} ${message.text} ${message.html ?? ''}`;
      expect(all).not.toMatch(/https?:|www\.|#grant|\b\d{6}\b/);
      expect(all).not.toContain(notice().id);
    }
  });

  it('names the methods a customer chose together, leaving recovery codes out', () => {
    expect(methodNames(['password', 'totp', 'recovery_codes'])).toBe('password and authenticator app');
    expect(methodNames(['password'])).toBe('password');
    expect(methodNames(['totp'])).toBe('authenticator app');
  });
});
