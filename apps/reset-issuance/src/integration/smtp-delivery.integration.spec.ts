import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { notifierFromConfig } from '../notifications/notifier-from-config';
import type { Notifier } from '../notifications/notifier.port';
import { hashResetToken } from '../tokens/domain/reset-token';
import {
  buildScheduler,
  launchWave,
  scratchDatabase,
  seedAccounts,
  TestClock,
  testSettings,
  tokensOf,
} from './issuance-fixture';

interface Delivered {
  recipients: string[];
  raw: string;
  mail: ParsedMail;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtpServer(): Promise<{ server: SMTPServer; port: number; delivered: Delivered[] }> {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (mail) => {
            delivered.push({ recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.server.address() as AddressInfo).port, delivered };
}

describe('notices and links over SMTP', () => {
  let database: { dataSource: DataSource };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let notifier: Notifier;

  beforeAll(async () => {
    database = await scratchDatabase('reset_smtp');
    smtp = await startSmtpServer();
    notifier = notifierFromConfig({
      NOTIFY_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFY_FILE_DIR: 'tmp/outbox-mail',
      NOTIFY_FROM: 'Rekey <no-reply@example.test>',
      SEND_CONCURRENCY: 4,
    });
  });

  afterAll(async () => {
    await notifier.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await database.dataSource.destroy();
  });

  it('delivers the advance notice and the reset link, the token only inside the link', async () => {
    const { dataSource } = database;
    const run = `s${randomUUID().slice(0, 6)}`;
    const clock = new TestClock(new Date());
    const settings = testSettings({ RESET_BASE_URL: 'https://reset.example.test' });
    const accounts = await seedAccounts(dataSource, run, 3);
    await launchWave(dataSource, clock, settings, accounts);
    await buildScheduler(dataSource, notifier, clock, settings).runUntilIdle();

    expect(smtp.delivered).toHaveLength(6);
    const notices = smtp.delivered.filter(({ mail }) => mail.subject?.startsWith('Your sign-in is changing'));
    const links = smtp.delivered.filter(
      ({ mail }) => mail.subject === 'Your personal link to set up your new sign-in',
    );
    expect(notices.map(({ recipients }) => recipients[0]).sort()).toEqual(
      accounts.map((id) => `${id}@example.test`).sort(),
    );
    expect(links).toHaveLength(3);

    for (const { mail } of notices) {
      expect(mail.text).toContain('Your current password will not carry over');
      expect(mail.text).toContain('reset.example.test');
      expect(mail.attachments).toEqual([]);
    }

    const live = (await tokensOf(dataSource)).filter((token) => token.status === 'live');
    for (const { recipients, mail, raw } of links) {
      const [, token] =
        /https:\/\/reset\.example\.test\/reset#t=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '') ?? [];
      expect(token).toBeDefined();
      const owner = live.find((row) => hashResetToken(token!).equals(row.token_hash));
      expect(`${owner?.legacy_account_id}@example.test`).toBe(recipients[0]);
      expect(mail.html).toContain(`href="https://reset.example.test/reset#t=${token}"`);
      for (const part of [mail.text ?? '', String(mail.html)]) {
        const occurrences = part.split(token!).length - 1;
        const inLinks = part.split(`/reset#t=${token}`).length - 1;
        expect(occurrences).toBe(inLinks);
      }
      expect(mail.subject).not.toContain(token);
      expect(mail.headers.get('subject')).not.toContain(token);
      expect(mail.attachments).toEqual([]);
      // In the raw message the token appears once per body part (text and HTML), nowhere else.
      const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      expect(unfolded.split(token!).length - 1).toBe(2);
    }
  });
});
