import { mkdtemp, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmailFileNotifier, SmsFileNotifier } from '@rekey/notifications';
import { resetLinksSince } from './reset-link-messages';

const JOURNEY_A = '0195f000-0000-7000-8000-00000000000a';
const JOURNEY_B = '0195f000-0000-7000-8000-00000000000b';
const JOURNEY_OLD = '0195f000-0000-7000-8000-0000000000ff';
const issuance = (n: number) => `0195f000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const token = (letter: string) => letter.repeat(43);
const link = (letter: string) => `http://127.0.0.1:3102/reset#t=${token(letter)}`;

describe('resetLinksSince', () => {
  let folder: string;
  let email: EmailFileNotifier;
  let sms: SmsFileNotifier;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rekey-demo-mail-'));
    email = new EmailFileNotifier(folder, 'Rekey <no-reply@rekey.localhost>');
    sms = new SmsFileNotifier(folder);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  // As the reset link message reads; mailparser undoes whatever transfer encoding nodemailer chose.
  const body = (url: string) =>
    `Here is your personal link to set up your new sign-in. It works once.\n\n${url}\n`;

  it("reads each journey's link from the file notifier's emails and text messages", async () => {
    await email.send({
      id: `reset-link-${JOURNEY_A}-${issuance(1)}`,
      channel: 'email',
      recipient: 'ada@example.com',
      subject: 'Your personal link',
      text: body(link('A')),
      html: `<a href="${link('A')}">Set up</a>`,
    });
    await sms.send({
      id: `reset-link-${JOURNEY_B}-${issuance(2)}`,
      channel: 'sms',
      recipient: '+447700900123',
      subject: 'Your personal link',
      text: `Your link: ${link('B')} (or enter a code)`,
    });
    const found = await resetLinksSince(folder, 0);
    expect(found.map(({ journeyId, channel, link }) => [journeyId, channel, link.toString()]).sort()).toEqual(
      [
        [JOURNEY_A, 'email', link('A')],
        [JOURNEY_B, 'sms', link('B')],
      ],
    );
  });

  it('leaves out notices and messages written before the run, and keeps the newest link of a journey', async () => {
    const since = Date.now();
    const send = (id: string, url: string) =>
      email.send({
        id,
        channel: 'email',
        recipient: 'ada@example.com',
        subject: 's',
        text: body(url),
        html: url,
      });
    await send(`notice-advance-${issuance(9)}`, link('N'));
    await send(`reset-link-${JOURNEY_OLD}-${issuance(3)}`, link('O'));
    const earlier = new Date(since - 60_000);
    await utimes(path.join(folder, `reset-link-${JOURNEY_OLD}-${issuance(3)}.eml`), earlier, earlier);
    await send(`reset-link-${JOURNEY_A}-${issuance(4)}`, link('E'));
    const first = path.join(folder, `reset-link-${JOURNEY_A}-${issuance(4)}.eml`);
    await utimes(first, new Date(since + 1_000), new Date(since + 1_000));
    await send(`reset-link-${JOURNEY_A}-${issuance(5)}`, link('R'));
    const reissued = path.join(folder, `reset-link-${JOURNEY_A}-${issuance(5)}.eml`);
    await utimes(reissued, new Date(since + 2_000), new Date(since + 2_000));

    const found = await resetLinksSince(folder, since);
    expect(found.map((message) => [message.journeyId, message.link.toString()])).toEqual([
      [JOURNEY_A, link('R')],
    ]);
  });

  it('finds nothing in a folder that does not exist yet', async () => {
    await expect(resetLinksSince(path.join(folder, 'missing'), 0)).resolves.toEqual([]);
  });
});
