/**
 * The demo's second half: once the wave's links are delivered, its customers act on them over
 * HTTP, a bounded number at a time, each as the behaviour picked for their journey says. It ends
 * when every customer's run has; the services stay up.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { waveEnrolments, waveEnrolmentsText } from '../operator-api/enrollment-api';
import { sleep } from '../operator-api/operator-call';
import { progressBar } from '../operator-api/progress-bar';
import { behaviourOf, customerMix, type CustomerMix } from './customer-behaviours';
import { CustomerInbox, type ContactBook } from './customer-inbox';
import { EnrolmentTally } from './enrolment-tally';
import { resetLinksSince, type ResetLinkMessage } from './reset-link-messages';

export interface SimulationOptions {
  /** reset-issuance's file notifier folder. */
  mailDir: string;
  /** Links written before this (ms since the epoch) belong to earlier runs' customers. */
  since: number;
  /** Customers acting at once. */
  concurrency?: number;
  mix?: CustomerMix;
  /** The customers' own contacts, to read a step-up code; without it they stop at step-up. */
  contacts?: ContactBook;
  /** enrollment's file notifier folder: the summary counts the "sign-in method added" notices. */
  noticesDir?: string;
  /** When given, the summary ends with what enrollment itself recorded for the wave. */
  enrollment?: { url: string; token: string; waveId: string };
}

const DEFAULT_CONCURRENCY = 16;

export async function simulateCustomers(options: SimulationOptions): Promise<EnrolmentTally> {
  const messages = await resetLinksSince(options.mailDir, options.since);
  const tally = new EnrolmentTally();
  if (messages.length === 0) return tally;
  const progress = progressBar(
    'customers acting on their link',
    messages.length,
    (done, perSecond) =>
      `${done} / ${messages.length}  ${perSecond.toFixed(0)}/s  enrolled ${tally.enrolledCount}`,
  );
  let next = 0;
  const worker = async () => {
    for (let index = next++, message = messages[index]; message; index = next++, message = messages[index]) {
      await actOn(message, index, options, tally);
      progress.update(tally.total);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? DEFAULT_CONCURRENCY }, worker));
  progress.done();
  return tally;
}

async function actOn(
  message: ResetLinkMessage,
  index: number,
  options: SimulationOptions,
  tally: EnrolmentTally,
): Promise<void> {
  const inbox =
    options.contacts && message.recipient
      ? new CustomerInbox(options.mailDir, options.contacts.contactsOf(message.recipient))
      : undefined;
  const customer = { clientAddress: clientAddressOf(index), ...(inbox ? { inbox } : {}) };
  try {
    const outcome = await behaviourOf(message.journeyId, options.mix ?? customerMix)(message, customer);
    if (outcome.kind === 'never_clicked' && message.channel === 'email')
      tally.unusedLinkFile ??= message.file;
    tally.add(outcome);
  } catch (error) {
    tally.addBroken(error);
  }
}

/**
 * Each customer from an address of their own in a /24 of its own, as a wave's customers are:
 * from one address, the per-address limit would stop the demo after twenty links.
 */
export function clientAddressOf(index: number): string {
  return `10.${Math.floor(index / 256) % 256}.${index % 256}.${1 + (index % 250)}`;
}

/** The demo's step: says what happens, runs the customers, prints the tally. */
export async function runCustomerSimulation(options: SimulationOptions): Promise<EnrolmentTally> {
  const say = (text: string) => process.stdout.write(`${text}\n`);
  const mix = (options.mix ?? customerMix).map(({ label, share }) => `${(share * 100).toFixed(0)}% ${label}`);
  say(`\n== Customers: ${mix.join(', ')} ==\n`);
  const started = Date.now();
  const tally = await simulateCustomers(options);
  if (tally.total === 0) {
    say(
      'No reset link of this run is in the message folder: every linked account was already in a ' +
        'journey from an earlier run, whose customers are not simulated again.',
    );
    return tally;
  }
  say(
    `\n== Enrolment summary (${tally.total} customers in ${((Date.now() - started) / 1000).toFixed(1)} s) ==\n`,
  );
  say(tally.text());
  if (options.noticesDir) say(`\n${await noticesText(options.noticesDir, started)}`);
  if (tally.unusedLinkFile) {
    say(
      `\nTry the journey yourself: open the link in ${path.relative(process.cwd(), tally.unusedLinkFile)} ` +
        '(its customer never clicked it) in a browser, enrol, then sign in again at http://localhost:3103/sign-in.',
    );
  }
  if (options.enrollment) {
    const { url, token, waveId } = options.enrollment;
    say(`\n== As enrollment recorded the wave (GET ${url}/operator/waves/${waveId}/enrolments) ==\n`);
    say(waveEnrolmentsText(await waveEnrolments(url, token, waveId)));
  }
  return tally;
}

const NOTICE_FILE = /^sign-in-method-[0-9a-f-]{36}\.(eml|txt)$/;
// enrollment sends its notices from a background loop: give the last enrolments' a moment.
const NOTICE_SETTLE_MS = 3_000;

/** How many "a sign-in method was added" messages enrollment wrote since `since`, by channel. */
async function noticesText(folder: string, since: number): Promise<string> {
  await sleep(NOTICE_SETTLE_MS);
  const counts = { eml: 0, txt: 0 };
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const extension = NOTICE_FILE.exec(name)?.[1] as keyof typeof counts | undefined;
    if (extension && (await stat(path.join(folder, name))).mtimeMs >= since) counts[extension] += 1;
  }
  return (
    `Told customers a sign-in method was added: ${counts.eml} emails and ${counts.txt} text messages ` +
    `in ${path.relative(process.cwd(), folder)}/ (one per verified contact)`
  );
}
