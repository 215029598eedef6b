import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmailFileNotifier } from './adapters/email-file-notifier.adapter';
import { SmsFileNotifier } from './adapters/sms-file-notifier.adapter';
import { newMessageId } from './message-id';
import { notifierFromConfig } from './notifications.environment';
import { notifierContract, readOutboxFolder, RecordingNotifier } from './testing';

const outbox = () => mkdtemp(path.join(tmpdir(), 'rekey-notifications-'));
const from = 'Rekey <no-reply@example.test>';

notifierContract('RecordingNotifier', ['email', 'sms'], async () => {
  const notifier = new RecordingNotifier();
  return {
    notifier,
    delivered: async () =>
      notifier.sent.map(({ id, channel, recipient, subject, text, html }) => ({
        id,
        channel,
        recipient,
        ...(channel === 'email' ? { subject } : {}),
        text,
        ...(html ? { html } : {}),
      })),
  };
});

notifierContract('EmailFileNotifier', ['email'], async () => {
  const directory = await outbox();
  return {
    notifier: new EmailFileNotifier(directory, from),
    delivered: () => readOutboxFolder(directory),
  };
});

notifierContract('SmsFileNotifier', ['sms'], async () => {
  const directory = await outbox();
  return {
    notifier: new SmsFileNotifier(directory),
    delivered: () => readOutboxFolder(directory),
  };
});

notifierContract('notifierFromConfig, NOTIFY_TRANSPORT=file', ['email', 'sms'], async () => {
  const directory = await outbox();
  return {
    notifier: notifierFromConfig({ NOTIFY_TRANSPORT: 'file', NOTIFY_FILE_DIR: directory, NOTIFY_FROM: from }),
    delivered: () => readOutboxFolder(directory),
  };
});

describe('the file adapters', () => {
  it('write one file per message, named after its id, readable by the service user only', async () => {
    const directory = await outbox();
    const notifier = notifierFromConfig({
      NOTIFY_TRANSPORT: 'file',
      NOTIFY_FILE_DIR: directory,
      NOTIFY_FROM: from,
    });
    const mail = newMessageId();
    await notifier.send({
      id: mail,
      channel: 'email',
      recipient: 'jane@example.test',
      subject: 'Link',
      text: 'secret',
    });
    await notifier.send({
      id: 'step-up-1234',
      channel: 'sms',
      recipient: '+33612345678',
      subject: '',
      text: 'code',
    });
    expect((await readdir(directory)).sort()).toEqual([`${mail}.eml`, 'step-up-1234.txt'].sort());
    for (const name of await readdir(directory)) {
      expect((await stat(path.join(directory, name))).mode & 0o777).toBe(0o600);
    }
  });

  it('name emails by time, so the folder lists in sending order', () => {
    const at = Date.parse('2026-12-04T10:00:00.000Z');
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    const first = newMessageId(at);
    expect(first).toMatch(new RegExp(`^2026-12-04T10-00-00-000Z-${uuid}$`));
    expect(newMessageId(at)).not.toBe(first);
    expect(newMessageId(at + 1)).toMatch(new RegExp(`^2026-12-04T10-00-00-001Z-${uuid}$`));
    expect([newMessageId(at + 1), first].sort()[0]).toBe(first);
  });
});

describe('notifierFromConfig', () => {
  it('refuses SMTP without SMTP_URL, naming the variable', () => {
    expect(() =>
      notifierFromConfig({ NOTIFY_TRANSPORT: 'smtp', NOTIFY_FILE_DIR: 'tmp/outbox-mail', NOTIFY_FROM: from }),
    ).toThrow('SMTP_URL: must be set when NOTIFY_TRANSPORT is smtp');
  });
});

describe('RecordingNotifier', () => {
  it('refuses what it is told to refuse, and keeps only what it accepted', async () => {
    const notifier = new RecordingNotifier().refuse((message) =>
      message.recipient === 'down@example.test' ? new Error('relay down') : undefined,
    );
    const message = { id: newMessageId(), channel: 'email' as const, subject: 's', text: 't' };
    await expect(notifier.send({ ...message, recipient: 'down@example.test' })).rejects.toThrow('relay down');
    await notifier.send({ ...message, recipient: 'up@example.test' });
    expect(notifier.sent.map(({ recipient }) => recipient)).toEqual(['up@example.test']);
    expect(notifier.sentTo('up@example.test')).toHaveLength(1);
  });
});
