import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SmtpEmailNotifier } from '../adapters/smtp-email-notifier.adapter';
import { notifierFromConfig } from '../notifications.environment';
import {
  messageIdOf,
  notifierContract,
  readOutboxFolder,
  startLoopbackSmtpServer,
  type DeliveredMessage,
  type LoopbackSmtpServer,
} from '../testing';

const from = 'Rekey <no-reply@example.test>';

function deliveredBy(smtp: LoopbackSmtpServer): DeliveredMessage[] {
  return smtp.received.map(({ recipients, mail }) => ({
    id: messageIdOf(mail) ?? '',
    channel: 'email',
    recipient: recipients[0] ?? '',
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    ...(mail.html ? { html: mail.html } : {}),
  }));
}

notifierContract('SmtpEmailNotifier on a loopback SMTP server', ['email'], async () => {
  const smtp = await startLoopbackSmtpServer();
  return {
    notifier: new SmtpEmailNotifier(smtp.url, from, 3),
    delivered: async () => deliveredBy(smtp),
    dispose: () => smtp.stop(),
  };
});

notifierContract('notifierFromConfig, NOTIFY_TRANSPORT=smtp', ['email', 'sms'], async () => {
  const smtp = await startLoopbackSmtpServer();
  const directory = await mkdtemp(path.join(tmpdir(), 'rekey-notifications-smtp-'));
  return {
    notifier: notifierFromConfig(
      { NOTIFY_TRANSPORT: 'smtp', SMTP_URL: smtp.url, NOTIFY_FILE_DIR: directory, NOTIFY_FROM: from },
      { smtpConnections: 3 },
    ),
    // Email over SMTP, SMS into the folder: together, everything the notifier delivered.
    delivered: async () => [...deliveredBy(smtp), ...(await readOutboxFolder(directory))],
    dispose: () => smtp.stop(),
  };
});

describe('SMTP and files together', () => {
  it('sends email by SMTP only and SMS to files only', async () => {
    const smtp = await startLoopbackSmtpServer();
    const directory = await mkdtemp(path.join(tmpdir(), 'rekey-notifications-smtp-'));
    const notifier = notifierFromConfig({
      NOTIFY_TRANSPORT: 'smtp',
      SMTP_URL: smtp.url,
      NOTIFY_FILE_DIR: directory,
      NOTIFY_FROM: from,
    });
    try {
      await notifier.send({
        id: 'mail-1',
        channel: 'email',
        recipient: 'a@example.test',
        subject: 's',
        text: 't',
      });
      await notifier.send({ id: 'sms-1', channel: 'sms', recipient: '+33612345678', subject: '', text: 't' });
      expect(deliveredBy(smtp).map(({ id }) => id)).toEqual(['mail-1']);
      expect(smtp.received[0]!.mail.messageId).toBe('<mail-1@example.test>');
      expect((await readOutboxFolder(directory)).map(({ id }) => id)).toEqual(['sms-1']);
    } finally {
      await notifier.close();
      await smtp.stop();
    }
  });
});

describe('a loopback SMTP server that answers late', () => {
  it('keeps each message as its data ends and answers it only after the delay', async () => {
    const smtp = await startLoopbackSmtpServer({ replyDelayMs: 400 });
    const notifier = new SmtpEmailNotifier(smtp.url, from, 1);
    try {
      const started = performance.now();
      let answered = false;
      const sending = notifier
        .send({ id: 'late-1', channel: 'email', recipient: 'a@example.test', subject: 's', text: 't' })
        .then(() => (answered = true));
      while (smtp.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // Received, not yet answered: a sender that died now would have sent it unknowingly.
      expect(answered).toBe(false);
      await sending;
      expect(performance.now() - started).toBeGreaterThanOrEqual(400);
      expect(deliveredBy(smtp).map(({ id }) => id)).toEqual(['late-1']);
    } finally {
      await notifier.close();
      await smtp.stop();
    }
  });

  it('draws each delay from a range, and refuses a range that is none', async () => {
    await expect(startLoopbackSmtpServer({ replyDelayMs: [50, 10] })).rejects.toThrow(/replyDelayMs/);
    const smtp = await startLoopbackSmtpServer({ replyDelayMs: [100, 150] });
    const notifier = new SmtpEmailNotifier(smtp.url, from, 3);
    try {
      const started = performance.now();
      await Promise.all(
        ['r-1', 'r-2', 'r-3'].map((id) =>
          notifier.send({ id, channel: 'email', recipient: 'a@example.test', subject: 's', text: 't' }),
        ),
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
      expect(
        deliveredBy(smtp)
          .map(({ id }) => id)
          .sort(),
      ).toEqual(['r-1', 'r-2', 'r-3']);
    } finally {
      await notifier.close();
      await smtp.stop();
    }
  });
});

describe('a loopback SMTP server whose client dies in the middle of a message', () => {
  it('drops that message and goes on serving others', async () => {
    const smtp = await startLoopbackSmtpServer({ replyDelayMs: 20 });
    const notifier = new SmtpEmailNotifier(smtp.url, from, 1);
    try {
      const { port } = new URL(smtp.url);
      const socket = connect(Number(port), '127.0.0.1');
      const replies: string[] = [];
      socket.on('data', (chunk: Buffer) => replies.push(chunk.toString('utf8')));
      const replied = async (code: string) => {
        while (!new RegExp(`(^|\\n)${code}[ -]`).test(replies.join(''))) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await replied('220');
      for (const [command, code] of [
        ['EHLO killed.test', '250'],
        ['MAIL FROM:<a@example.test>', '250'],
        ['RCPT TO:<b@example.test>', '250'],
        ['DATA', '354'],
      ] as const) {
        replies.length = 0;
        socket.write(`${command}\r\n`);
        await replied(code);
      }
      socket.write('Subject: half a message\r\n\r\nand then');
      // As a killed sender's socket goes: reset, not closed.
      socket.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 50));

      await notifier.send({
        id: 'after-1',
        channel: 'email',
        recipient: 'a@example.test',
        subject: 's',
        text: 't',
      });
      expect(deliveredBy(smtp).map(({ id }) => id)).toEqual(['after-1']);
    } finally {
      await notifier.close();
      await smtp.stop();
    }
  });
});
