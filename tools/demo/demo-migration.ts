/**
 * The demo migration `npm start` runs once the services are up: it generates a legacy and a target
 * directory with the hard cases, imports both, links them, prints the match report, launches a
 * wave for the verified links (nothing in review is resolved by itself), and waits until every
 * notice and link has been written by the file adapter. Everything goes through the operator
 * APIs with a development token, as an operator would.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { mintOperatorToken } from '@rekey/operator-auth';
import { generateSyntheticDirectories, writeDirectoryFile } from '@rekey/synthetic-directories';
import {
  matchReport,
  startMatchRun,
  uploadDirectory,
  waitForMatchRun,
  type MatchReport,
} from '../operator-api/identity-matching-api';
import { matchReportText } from '../operator-api/match-report-text';
import { sleep } from '../operator-api/operator-call';
import { progressBar } from '../operator-api/progress-bar';
import {
  createWave,
  eligibilitySummary,
  launchWave,
  wave as waveOf,
  type LaunchedWave,
  type WaveView,
} from '../operator-api/reset-issuance-api';
import { ContactBook } from './customer-inbox';
import { table } from '../operator-api/tables';

export interface DemoOptions {
  /** Legacy accounts to generate (about as many target accounts come with them). */
  accounts: number;
  identityMatchingUrl: string;
  resetIssuanceUrl: string;
  /** Where the demo writes its directory exports. */
  workDir: string;
  /** Where reset-issuance's file adapter writes its messages. */
  mailDir: string;
  /** Called once the directory exports are written, before they are imported (seeds the legacy-CIAM simulator). */
  onDirectoriesWritten?: (files: { legacyPath: string; targetPath: string }) => Promise<void>;
}

// The generator gives nine in ten people a legacy account: this many people give `accounts` of them.
const LEGACY_SHARE = 0.9;
const DEMO_SEED = 20_261_123;
const DAY_MS = 86_400_000;

/** The wave the demo launched, and when: its links are the messages written since. */
export interface DemoWave {
  waveId: string;
  launchedAt: number;
  /** The generated legacy accounts' contacts: each simulated customer knows their own. */
  contacts: ContactBook;
}

export async function runDemoMigration(options: DemoOptions): Promise<DemoWave> {
  const say = (text: string) => process.stdout.write(`${text}\n`);
  const startedAt = Date.now();
  const token = await mintOperatorToken({
    subject: 'demo-operator@rekey.local',
    scopes: ['imports:write', 'review:read', 'waves:write', 'waves:read'],
    ttlSeconds: 3_600,
  });

  say(`\n== Demo migration: ${options.accounts} legacy accounts ==\n`);
  const files = await generateDirectories(options);
  say(`Generated ${files.legacy.records} legacy and ${files.target.records} target accounts in ${files.dir}`);
  await options.onDirectoriesWritten?.({ legacyPath: files.legacy.path, targetPath: files.target.path });

  for (const [directory, file] of [
    ['legacy', files.legacy.path],
    ['target', files.target.path],
  ] as const) {
    const format = file.endsWith('.csv') ? 'csv' : 'ndjson';
    const { status, answer } = await uploadDirectory({
      url: options.identityMatchingUrl,
      token,
      file,
      directory,
      format,
    });
    if (status !== 201 || !answer.counts)
      throw new Error(`import of ${file} failed (HTTP ${status}): ${answer.detail ?? answer.title ?? ''}`);
    const { read, inserted, updated, unchanged, rejected, warnings } = answer.counts;
    say(
      `Imported ${path.basename(file)}: ${read} read, ${inserted} new, ${updated} updated, ` +
        `${unchanged} unchanged, ${rejected} rejected, ${warnings} field warnings`,
    );
  }

  process.stdout.write('Linking the directories');
  const started = await startMatchRun(options.identityMatchingUrl, token);
  const run = await waitForMatchRun(options.identityMatchingUrl, token, started.id, 1_800, () =>
    process.stdout.write('.'),
  );
  if (run.status !== 'completed') throw new Error(`match run ${run.id} ${run.status}: ${run.failure ?? ''}`);
  const report = await matchReport(options.identityMatchingUrl, token);
  say(`\n\n${matchReportText(report, { samples: false })}\n`);

  await waitForEligibleAccounts(options, token, report);
  const launchedAt = Date.now();
  const launched = await launchDemoWave(options, token);
  const finished = await waitForWave(options, token, launched);
  printSummary(options, report, launched, finished, startedAt);
  const contacts = new ContactBook(files.legacy.accounts, {
    records: files.target.accounts,
    ofLegacy: files.truth,
  });
  return { waveId: launched.id, launchedAt, contacts };
}

async function generateDirectories(options: DemoOptions) {
  const dir = options.workDir;
  mkdirSync(dir, { recursive: true });
  const { legacy, target, truth } = generateSyntheticDirectories({
    people: Math.ceil(options.accounts / LEGACY_SHARE),
    seed: DEMO_SEED,
    // A fixed export date, so every demo writes the same files and a re-run changes nothing.
    now: new Date('2026-11-01T00:00:00Z'),
  });
  const legacyPath = path.join(dir, 'legacy-directory.csv');
  const targetPath = path.join(dir, 'target-directory.ndjson');
  return {
    dir,
    legacy: {
      path: legacyPath,
      accounts: legacy,
      ...(await writeDirectoryFile(legacy, 'csv', legacyPath)),
    },
    target: {
      path: targetPath,
      accounts: target,
      ...(await writeDirectoryFile(target, 'ndjson', targetPath)),
    },
    truth,
  };
}

/** identity.linked events reach reset-issuance through Kafka: wait until it has them all. */
async function waitForEligibleAccounts(
  options: DemoOptions,
  token: string,
  report: MatchReport,
): Promise<void> {
  const expected = report.verifiedLinks['total'] ?? 0;
  const progress = progressBar(
    'links received by reset-issuance',
    expected,
    (done) => `${done} / ${expected}`,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { eligibleAccounts } = await eligibilitySummary(options.resetIssuanceUrl, token);
    progress.update(eligibleAccounts);
    if (eligibleAccounts >= expected) break;
    if (Date.now() > deadline) {
      progress.done();
      throw new Error(`reset-issuance has ${eligibleAccounts} of ${expected} verified links after 2 minutes`);
    }
    await sleep(500);
  }
  progress.done();
}

async function launchDemoWave(options: DemoOptions, token: string): Promise<LaunchedWave> {
  const now = Date.now();
  const cutoffAt = now + 14 * DAY_MS;
  const planned = await createWave(options.resetIssuanceUrl, token, {
    name: `Demo wave ${new Date(now).toISOString().slice(0, 16)}`,
    // Every verified link, whatever its segment: review cases are not eligible until resolved.
    cohort: { segments: [], bands: [] },
    noticeAt: new Date(now).toISOString(),
    startsAt: new Date(now + 5_000).toISOString(),
    cutoffAt: new Date(cutoffAt).toISOString(),
    pacePerSecond: 1_000,
    linkLifetimeMinutes: 30,
    // Spelled out though they are the defaults, so the demo shows what a wave can require:
    // accounts acting for others may not finish on a password alone, and a bridge lasts 90 days.
    enrolmentPolicy: {
      minimumAssurance: { privileged: 'aal2', delegated: 'aal2', standard: 'aal1' },
      passwordBridgeEndsAt: new Date(cutoffAt + 90 * DAY_MS).toISOString(),
    },
  });
  const launched = await launchWave(options.resetIssuanceUrl, token, planned.id);
  const { accountCount, skippedInOpenJourney } = launched.snapshot;
  process.stdout.write(
    `Launched wave ${launched.id}: ${accountCount} accounts` +
      (skippedInOpenJourney > 0
        ? ` (${skippedInOpenJourney} already in a journey from an earlier run)`
        : '') +
      ', notices now, links from 5 s on at 1,000 per second\n',
  );
  return launched;
}

/** Follows the wave until every link and advance notice is out, or nothing has moved for 30 s. */
async function waitForWave(options: DemoOptions, token: string, launched: LaunchedWave): Promise<WaveView> {
  const total = launched.snapshot.accountCount;
  const progress = progressBar(
    'reset links issued',
    total,
    (done, perSecond) => `${done} / ${total}  ${perSecond.toFixed(0)}/s`,
  );
  let lastMoved = Date.now();
  let lastDone = -1;
  for (;;) {
    const current = await waveOf(options.resetIssuanceUrl, token, launched.id);
    const done = current.progress?.linksDelivered ?? 0;
    const notices = current.progress?.noticesSent ?? 0;
    progress.update(done);
    if (done + notices !== lastDone) {
      lastDone = done + notices;
      lastMoved = Date.now();
    }
    // Notices and links go out side by side: the summary waits for both.
    if ((done >= total && notices >= total) || Date.now() - lastMoved > 30_000) {
      progress.done();
      return current;
    }
    await sleep(500);
  }
}

function printSummary(
  options: DemoOptions,
  report: MatchReport,
  launched: LaunchedWave,
  finished: WaveView,
  started: number,
): void {
  const byStatus = finished.progress?.byStatus ?? {};
  const issued = launched.snapshot.accountCount - (byStatus['awaiting_issue'] ?? 0);
  const delivered = finished.progress?.linksDelivered ?? 0;
  const segmentRows = Object.entries(finished.progress?.bySegment ?? {}).map(([segment, statuses]) => {
    const accounts = Object.values(statuses).reduce((sum, count) => sum + count, 0);
    return [segment, accounts, accounts - (statuses['awaiting_issue'] ?? 0)];
  });
  const heldBySegment = report.bySegment;
  const messages = countMessages(options.mailDir, started);
  process.stdout.write(
    [
      '',
      '== Demo summary ==',
      '',
      table(
        ['', 'accounts'],
        [
          ['legacy accounts', report.accounts],
          ['verified links (in the wave)', launched.snapshot.accountCount],
          ['reset links issued', issued],
          ['reset links delivered', delivered],
          ['notices sent', finished.progress?.noticesSent ?? 0],
          ['held back for review', report.byOutcome['review'] ?? 0],
          ['no target account (new)', report.byOutcome['new'] ?? 0],
        ],
      ),
      '',
      table(['wave by segment', 'accounts', 'links issued'], segmentRows),
      '',
      table(
        ['all accounts by segment', 'accounts'],
        Object.entries(heldBySegment).map(([segment, count]) => [segment, count]),
      ),
      '',
      `Messages: this run wrote ${messages.emails} emails (.eml) and ${messages.texts} text messages (.txt) ` +
        `to ${options.mailDir}` +
        (messages.earlier > 0 ? ` (${messages.earlier} more are from earlier runs)` : ''),
      `Review queue: GET ${options.identityMatchingUrl}/operator/reviews (scope review:read)`,
      `Wave: GET ${options.resetIssuanceUrl}/operator/waves/${launched.id} (scope waves:read)`,
      '',
    ].join('\n'),
  );
}

/** The messages the file adapter wrote since `since`, and how many older ones the folder keeps. */
function countMessages(dir: string, since: number): { emails: number; texts: number; earlier: number } {
  const counts = { emails: 0, texts: 0, earlier: 0 };
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return counts;
  }
  for (const name of names) {
    const kind = name.endsWith('.eml') ? 'emails' : name.endsWith('.txt') ? 'texts' : undefined;
    if (!kind) continue;
    if (statSync(path.join(dir, name)).mtimeMs >= since) counts[kind] += 1;
    else counts.earlier += 1;
  }
  return counts;
}
