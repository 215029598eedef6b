import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startLoopbackSmtpServer, type LoopbackSmtpServer } from '@rekey/notifications/testing';
import {
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
} from './customer-journey.fixture';

/** Step-up codes leave through the service's notifier: email by SMTP when NOTIFY_TRANSPORT=smtp. */
describe('step-up codes with NOTIFY_TRANSPORT=smtp', () => {
  let smtp: LoopbackSmtpServer;
  let journey: CustomerJourneyService;

  beforeAll(async () => {
    smtp = await startLoopbackSmtpServer();
    journey = await startCustomerJourneyService('reset_step_up_smtp', {
      NOTIFY_TRANSPORT: 'smtp',
      SMTP_URL: smtp.url,
      NOTIFY_FROM: 'Rekey <no-reply@example.test>',
      ENROLLMENT_URL: 'http://127.0.0.1:3999',
    });
  });

  afterAll(async () => {
    await journey?.stop();
    await smtp?.stop();
  });

  async function challengeOf(journeyId: string): Promise<string> {
    const { rows } = await journey.db.query<{ id: string }>(
      `SELECT id FROM step_up_challenge WHERE journey_id = $1`,
      [journeyId],
    );
    return rows[0]!.id;
  }

  async function redeemIntoStepUp(token: string): Promise<string> {
    const response = await postForm(journey, '/reset/redeem', { token });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/reset/step-up');
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('sends the code of a link that came by SMS to the email address over SMTP, and that code passes', async () => {
    const address = `step-up-smtp-${Date.now()}@example.com`;
    const seeded = await seedJourney(journey.db, {
      segments: ['privileged'],
      channel: 'sms',
      contacts: [
        { kind: 'sms', value: '+33612345670' },
        { kind: 'email', value: address },
      ],
    });
    const cookie = await redeemIntoStepUp(seeded.token);
    const challengeId = await challengeOf(seeded.journeyId);

    const received = smtp.received.filter(({ recipients }) => recipients.includes(address));
    expect(received).toHaveLength(1);
    const { mail, raw } = received[0]!;
    expect(mail.subject).toBe('Your verification code');
    expect(mail.messageId).toBe(`<step-up-${challengeId}@example.test>`);
    expect(mail.attachments).toEqual([]);
    const code = /code is (\d{6})/.exec(mail.text ?? '')![1]!;
    expect(String(mail.html)).toContain(`<strong>${code}</strong>`);
    expect(raw).not.toMatch(/^Subject:.*\d{6}/m);
    // Email went by SMTP: no file of it in the outbox folder.
    expect(await readdir(journey.notifyDir)).not.toContain(`step-up-${challengeId}.eml`);

    const passed = await postForm(journey, '/reset/step-up', { code }, { cookie });
    expect(passed.status).toBe(303);
    expect(passed.headers.get('location')).toMatch(/\/enroll#grant=/);
  });

  it('still writes the code of a link that came by email to the SMS file, and sends nothing by SMTP', async () => {
    const address = `step-up-sms-${Date.now()}@example.com`;
    const seeded = await seedJourney(journey.db, {
      segments: ['privileged'],
      contacts: [
        { kind: 'email', value: address },
        { kind: 'sms', value: '+33612345671' },
      ],
    });
    await redeemIntoStepUp(seeded.token);
    const challengeId = await challengeOf(seeded.journeyId);

    const text = await readFile(path.join(journey.notifyDir, `step-up-${challengeId}.txt`), 'utf8');
    expect(text).toMatch(/^To: \+33612345671$/m);
    expect(text).toMatch(/code is \d{6}/);
    expect(smtp.received.some(({ recipients }) => recipients.includes(address))).toBe(false);
  });
});
