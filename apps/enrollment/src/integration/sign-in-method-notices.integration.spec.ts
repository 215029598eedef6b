import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeEvent, RestrictedTopics } from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerProducer } from '@rekey/messaging';
import { readOutboxFolder } from '@rekey/notifications/testing';
import { eventually } from '@rekey/testing';
import { aJourney, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import { contactsReleased, enrolWithPasskey, storedContacts } from './contacts-released.fixture';
import {
  addPasskeyFromAccount,
  addTotpFromAccount,
  BRIDGE_PASSWORD,
  enrolledBridgePassword,
  SignInBrowser,
} from './sign-in.fixture';

describe('the customer is told on every verified channel that a sign-in method was added', () => {
  let enrollment: EnrollmentUnderTest;
  let broker: KafkajsBrokerClient;
  let producer: BrokerProducer;
  let outbox: string;

  beforeAll(async () => {
    outbox = await mkdtemp(path.join(tmpdir(), 'rekey-enrollment-notices-'));
    enrollment = await startEnrollment('enrollment_notices', {
      NOTIFY_TRANSPORT: 'file',
      NOTIFY_FILE_DIR: outbox,
      NOTICE_POLL_INTERVAL_MS: '100',
      NOTICE_LEASE_SECONDS: '5',
    });
    broker = new KafkajsBrokerClient({ ...enrollment.kafka, clientId: 'enrollment-notices-test' });
    producer = await broker.producer();
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await enrollment?.stop();
  });

  const messagesTo = async (recipients: string[]) =>
    (await readOutboxFolder(outbox)).filter((message) => recipients.includes(message.recipient));

  it('stores the released contacts, and a late older release does not replace a newer one', async () => {
    const journey = aJourney();
    const newer = contactsReleased(
      journey.legacyAccountId,
      [{ kind: 'email', value: 'new@mail.example' }],
      new Date('2026-12-02T12:00:00Z'),
    );
    const older = contactsReleased(
      journey.legacyAccountId,
      [{ kind: 'email', value: 'old@mail.example' }],
      new Date('2026-12-01T12:00:00Z'),
    );
    expect(encodeEvent(newer).topic).toBe(RestrictedTopics.enrollmentContacts);
    await producer.publish([encodeEvent(newer), encodeEvent(newer), encodeEvent(older)]);
    await eventually(async () => {
      const { rows } = await enrollment.db.query(`SELECT 1 FROM inbox_message WHERE event_id = $1`, [
        older.id,
      ]);
      return rows.length > 0 ? true : undefined;
    });
    expect(await storedContacts(enrollment, journey.legacyAccountId)).toEqual([
      { kind: 'email', value: 'new@mail.example' },
    ]);
  }, 60_000);

  it('writes an email and an SMS naming the passkey once a passkey enrolment is finished, and a retry after a crash writes the same two', async () => {
    const journey = aJourney();
    const email = `${journey.journeyId}@mail.example`;
    const phone = '+447700900123';
    await producer.publish([
      encodeEvent(
        contactsReleased(
          journey.legacyAccountId,
          [
            { kind: 'email', value: email },
            { kind: 'sms', value: phone },
          ],
          new Date(),
        ),
      ),
    ]);
    await eventually(async () => await storedContacts(enrollment, journey.legacyAccountId));

    await enrolWithPasskey(enrollment, journey);

    const { rows: queued } = await enrollment.db.query<{ channel: string }>(
      `SELECT channel FROM sign_in_method_notice WHERE journey_id = $1 ORDER BY channel`,
      [journey.journeyId],
    );
    expect(queued.map((row) => row.channel)).toEqual(['email', 'sms']);
    const delivered = await eventually(async () => {
      const messages = await messagesTo([email, phone]);
      return messages.length === 2 ? messages : undefined;
    });
    const byChannel = Object.fromEntries(delivered.map((message) => [message.channel, message]));
    expect(byChannel['email']).toMatchObject({
      recipient: email,
      subject: 'A new sign-in method was added to your account',
      text: expect.stringContaining('A new sign-in method (passkey) was added to your account on'),
    });
    expect(byChannel['sms']).toMatchObject({
      recipient: phone,
      text: expect.stringMatching(
        /^A new sign-in method \(passkey\) was added .*If this wasn't you, contact support\.\n?$/,
      ),
    });
    for (const message of delivered) expect(`${message.text} ${message.html ?? ''}`).not.toMatch(/https?:/);
    await eventually(async () => {
      const { rows } = await enrollment.db.query(
        `SELECT 1 FROM sign_in_method_notice WHERE journey_id = $1 AND sent_at IS NOT NULL`,
        [journey.journeyId],
      );
      return rows.length === 2 ? true : undefined;
    });

    // A crash after the sends but before they were marked: after a restart the notices go again,
    // as the same messages, which replace their files rather than add to them.
    const files = (await readdir(outbox)).sort();
    await enrollment.db.query(
      `UPDATE sign_in_method_notice SET sent_at = NULL, lease_until = now() - interval '1 second'
        WHERE journey_id = $1`,
      [journey.journeyId],
    );
    await enrollment.restart();
    await eventually(async () => {
      const { rows } = await enrollment.db.query<{ attempts: number }>(
        `SELECT attempts FROM sign_in_method_notice WHERE journey_id = $1 AND sent_at IS NOT NULL`,
        [journey.journeyId],
      );
      return rows.length === 2 && rows.every((row) => row.attempts === 2) ? true : undefined;
    });
    expect((await readdir(outbox)).sort()).toEqual(files);
    const again = await messagesTo([email, phone]);
    expect(again.map((message) => message.id).sort()).toEqual(delivered.map((message) => message.id).sort());
  }, 90_000);

  it('tells the customer when a passkey is added after a later sign-in, too', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    const email = `${journey.journeyId}@mail.example`;
    await producer.publish([
      encodeEvent(contactsReleased(journey.legacyAccountId, [{ kind: 'email', value: email }], new Date())),
    ]);
    await eventually(async () => await storedContacts(enrollment, journey.legacyAccountId));
    const browser = new SignInBrowser(enrollment);
    await browser.open();
    expect((await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
    await addPasskeyFromAccount(browser, enrollment.origin);

    const delivered = await eventually(async () => {
      const messages = await messagesTo([email]);
      return messages.length === 1 ? messages : undefined;
    });
    expect(delivered[0]?.text).toContain('A new sign-in method (passkey) was added to your account on');
  }, 60_000);

  it('tells the customer when an authenticator app is added after a later sign-in', async () => {
    const journey = await enrolledBridgePassword(enrollment);
    const email = `${journey.journeyId}@mail.example`;
    await producer.publish([
      encodeEvent(contactsReleased(journey.legacyAccountId, [{ kind: 'email', value: email }], new Date())),
    ]);
    await eventually(async () => await storedContacts(enrollment, journey.legacyAccountId));
    const { added } = await addTotpFromAccount(enrollment, journey);
    expect(added.status).toBe(303);

    const delivered = await eventually(async () => {
      const messages = await messagesTo([email]);
      return messages.length === 1 ? messages : undefined;
    });
    expect(delivered[0]?.text).toContain(
      'A new sign-in method (authenticator app) was added to your account on',
    );
  }, 60_000);

  it('sends nothing for an enrolment finished before the contacts arrived', async () => {
    const journey = aJourney();
    await enrolWithPasskey(enrollment, journey);
    const late = `${journey.journeyId}@late.example`;
    await producer.publish([
      encodeEvent(contactsReleased(journey.legacyAccountId, [{ kind: 'email', value: late }], new Date())),
    ]);
    await eventually(async () => await storedContacts(enrollment, journey.legacyAccountId));
    const { rows } = await enrollment.db.query(
      `SELECT 1 FROM sign_in_method_notice WHERE legacy_account_id = $1`,
      [journey.legacyAccountId],
    );
    expect(rows).toEqual([]);
    expect(await messagesTo([late])).toEqual([]);
  }, 60_000);
});
