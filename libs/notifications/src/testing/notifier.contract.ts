import { InvalidMessageId, newMessageId, UnsupportedChannel } from '../message-id';
import type { NotificationChannel, Notifier, OutgoingMessage } from '../notifier.port';

/** A message as the recipient got it, read back from the transport. */
export interface DeliveredMessage {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  /** Email only. */
  subject?: string;
  text: string;
  /** Email only, when sent. */
  html?: string;
}

export interface NotifierUnderTest {
  notifier: Notifier;
  /** Everything delivered since it was set up, in any order. */
  delivered(): Promise<DeliveredMessage[]>;
  dispose?(): Promise<void>;
}

const email = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: newMessageId(),
  channel: 'email',
  recipient: 'jane@example.test',
  subject: 'Your sign-in is changing',
  text: 'Plain text body with a link https://reset.example.test/reset#t=abc',
  html: '<p>HTML body with <a href="https://reset.example.test/reset#t=abc">a link</a></p>',
  ...overrides,
});

const sms = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: newMessageId(),
  channel: 'sms',
  recipient: '+33612345678',
  subject: '',
  text: 'Your verification code is 123456.',
  ...overrides,
});

/** One suite, run against the fake and every adapter: what any Notifier must do. */
export function notifierContract(
  name: string,
  /** The channels it carries; the others must be refused. */
  channels: NotificationChannel[],
  setUp: () => Promise<NotifierUnderTest>,
): void {
  const carries = (channel: NotificationChannel) => channels.includes(channel);
  const other = (['email', 'sms'] as const).find((channel) => !carries(channel));
  // Only the cases that apply are declared, so none passes without asserting.
  const when =
    (applies: boolean) =>
    (title: string, test: () => Promise<void>): void => {
      if (applies) it(title, test);
    };
  const ifEmail = when(carries('email'));
  const ifSms = when(carries('sms'));
  const ifOther = when(other !== undefined);

  describe(`${name} (Notifier contract)`, () => {
    let subject: NotifierUnderTest;

    beforeEach(async () => {
      subject = await setUp();
    });

    afterEach(async () => {
      await subject.notifier.close();
      await subject.dispose?.();
    });

    ifEmail('delivers an email with its subject, text and HTML, and reports its id', async () => {
      const message = email();
      await expect(subject.notifier.send(message)).resolves.toEqual({
        messageId: message.id,
        transport: expect.any(String),
      });
      const delivered = await subject.delivered();
      expect(delivered).toHaveLength(1);
      expect(delivered[0]).toMatchObject({
        id: message.id,
        channel: 'email',
        recipient: message.recipient,
        subject: message.subject,
      });
      expect(delivered[0]?.text.trim()).toBe(message.text);
      expect(delivered[0]?.html).toContain('<a href="https://reset.example.test/reset#t=abc">a link</a>');
    });

    ifSms('delivers an SMS as text to its number, and reports its id', async () => {
      const message = sms();
      await expect(subject.notifier.send(message)).resolves.toMatchObject({ messageId: message.id });
      const delivered = await subject.delivered();
      expect(delivered).toEqual([
        expect.objectContaining({ id: message.id, channel: 'sms', recipient: '+33612345678' }),
      ]);
      expect(delivered[0]?.text.trim()).toBe(message.text);
    });

    ifOther('refuses the channels it does not carry, delivering nothing', async () => {
      await expect(subject.notifier.send(other === 'email' ? email() : sms())).rejects.toThrow(
        UnsupportedChannel,
      );
      expect(await subject.delivered()).toEqual([]);
    });

    it.each(['../../etc/escape', 'a/b', 'x\r\nBcc: attacker@example.test', '', 'x'.repeat(201)])(
      'refuses the message id %j, delivering nothing',
      async (id) => {
        const message = carries('email') ? email({ id }) : sms({ id });
        await expect(subject.notifier.send(message)).rejects.toThrow(InvalidMessageId);
        expect(await subject.delivered()).toEqual([]);
      },
    );

    it('delivers concurrent sends once each', async () => {
      const messages = Array.from({ length: 12 }, (_, index) =>
        carries('email') ? email({ recipient: `user${index}@example.test` }) : sms({ text: `code ${index}` }),
      );
      await Promise.all(messages.map((message) => subject.notifier.send(message)));
      const ids = (await subject.delivered()).map((delivered) => delivered.id).sort();
      expect(ids).toEqual(messages.map((message) => message.id).sort());
    });
  });
}
