import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeEvent } from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer } from '@rekey/messaging';
import {
  messageIdOf,
  readOutboxFolder,
  startLoopbackSmtpServer,
  type LoopbackSmtpServer,
} from '@rekey/notifications/testing';
import { eventually } from '@rekey/testing';
import { aJourney, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { contactsReleased, enrolWithPasskey, storedContacts } from './contacts-released.fixture';

describe('sign-in method notices through SMTP', () => {
  let smtp: LoopbackSmtpServer;
  let enrollment: EnrollmentUnderTest;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let outbox: string;

  beforeAll(async () => {
    smtp = await startLoopbackSmtpServer();
    outbox = await mkdtemp(path.join(tmpdir(), 'rekey-enrollment-smtp-'));
    enrollment = await startEnrollment('enrollment_notices_smtp', {
      NOTIFY_TRANSPORT: 'smtp',
      SMTP_URL: smtp.url,
      NOTIFY_FILE_DIR: outbox,
      NOTICE_POLL_INTERVAL_MS: '100',
    });
    broker = new KafkajsBrokerClient({ ...enrollment.kafka, clientId: 'enrollment-notices-smtp-test' });
    producer = await broker.producer();
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await enrollment?.stop();
    await smtp?.stop();
  });

  it('relays the email with a Message-ID from the notice, and writes the SMS to its file', async () => {
    const journey = aJourney();
    const email = `${journey.journeyId}@mail.example`;
    const phone = '+447700900456';
    await producer.publish([
      encodeEvent(
        contactsReleased(journey.legacyAccountId, [
          { kind: 'email', value: email },
          { kind: 'sms', value: phone },
        ]),
      ),
    ]);
    await eventually(async () => await storedContacts(enrollment, journey.legacyAccountId));

    await enrolWithPasskey(enrollment, journey);

    const mail = await eventually(async () =>
      smtp.received.find((received) => received.recipients.includes(email)),
    );
    const { rows } = await enrollment.db.query<{ id: string }>(
      `SELECT id FROM sign_in_method_notice WHERE journey_id = $1 AND channel = 'email'`,
      [journey.journeyId],
    );
    expect(messageIdOf(mail.mail)).toBe(`sign-in-method-${rows[0]?.id}`);
    expect(mail.mail.text).toContain('A new sign-in method (passkey) was added to your account on');
    const sms = await eventually(async () => {
      const messages = await readOutboxFolder(outbox);
      return messages.find((message) => message.recipient === phone);
    });
    expect(sms).toMatchObject({ channel: 'sms', text: expect.stringContaining('(passkey)') });
    expect((await readOutboxFolder(outbox)).filter((message) => message.channel === 'email')).toEqual([]);
  }, 90_000);
});
