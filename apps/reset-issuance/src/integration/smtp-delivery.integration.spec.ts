import { randomUUID } from 'node:crypto';
import { SettableClock } from '@rekey/background/testing';
import { notifierFromConfig, type Notifier } from '@rekey/notifications';
import { startLoopbackSmtpServer, type LoopbackSmtpServer } from '@rekey/notifications/testing';
import type { DataSource } from 'typeorm';
import { hashResetToken } from '../tokens/domain/reset-token';
import {
  buildScheduler,
  launchWave,
  scratchDatabase,
  seedAccounts,
  testSettings,
  tokensOf,
} from './issuance-fixture';

describe('notices and links over SMTP', () => {
  let database: { dataSource: DataSource };
  let smtp: LoopbackSmtpServer;
  let notifier: Notifier;

  beforeAll(async () => {
    database = await scratchDatabase('reset_smtp');
    smtp = await startLoopbackSmtpServer();
    notifier = notifierFromConfig(
      {
        NOTIFY_TRANSPORT: 'smtp',
        SMTP_URL: smtp.url,
        NOTIFY_FILE_DIR: 'tmp/outbox-mail',
        NOTIFY_FROM: 'Rekey <no-reply@example.test>',
      },
      { smtpConnections: 4 },
    );
  });

  afterAll(async () => {
    await notifier.close();
    await smtp.stop();
    await database.dataSource.destroy();
  });

  it('delivers the advance notice and the reset link, the token only inside the link', async () => {
    const { dataSource } = database;
    const run = `s${randomUUID().slice(0, 6)}`;
    const clock = new SettableClock(new Date());
    const settings = testSettings({ RESET_BASE_URL: 'https://reset.example.test' });
    const accounts = await seedAccounts(dataSource, run, 3);
    await launchWave(dataSource, clock, settings, accounts);
    await buildScheduler(dataSource, notifier, clock, settings).runUntilIdle();

    expect(smtp.received).toHaveLength(6);
    const notices = smtp.received.filter(({ mail }) => mail.subject?.startsWith('Your sign-in is changing'));
    const links = smtp.received.filter(
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
