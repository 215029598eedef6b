/**
 * `npm run match -- run`     starts a match run through identity-matching's API, waits, prints the report
 * `npm run match -- report`  prints the match report
 *
 * Options: --url (default $IDENTITY_MATCHING_URL or http://127.0.0.1:3101), --token (an operator
 * token; without it a development token is minted with the local development key), --timeout
 * (seconds to wait for a run, default 1800).
 */
import { parseArgs } from 'node:util';
import { mintOperatorToken } from '@rekey/operator-auth';

const usage = `usage: npm run match -- <run|report> [--url <identity-matching url>] [--token <operator token>] [--timeout <seconds>]
`;

interface Counts {
  legacy: number;
  target: number;
  candidatePairs: number;
  linked: number;
  review: number;
  new: number;
  changed: number;
  linksCreated: number;
  reviewsOpened: number;
  eventsEmitted: number;
}

interface MatchRunView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt?: string;
  failure?: string;
  counts?: Counts;
}

interface Sample {
  legacyAccountId: string;
  outcome: string;
  targetAccountId?: string;
  probability: number;
  reviewReasons: string[];
  evidence?: { method: string; fields: Array<{ field: string; level: string; weight: number }> };
}

interface MatchReport {
  accounts: number;
  byOutcome: Record<string, number>;
  byBand: Record<string, number>;
  bySegment: Record<string, number>;
  byReviewReason: Record<string, number>;
  verifiedLinks: Record<string, number>;
  reviewQueue: { open: number; pendingApproval: number; resolved: number };
  samples: Record<string, Sample[]>;
  lastRun?: { id: string; status: string; startedAt: string; finishedAt?: string };
}

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      timeout: { type: 'string', default: '1800' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const command = positionals[0];
  if (command !== 'run' && command !== 'report') throw new UsageError('say "run" or "report"');
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout must be a positive whole number of seconds');
  const url = (values.url ?? process.env['IDENTITY_MATCHING_URL'] ?? 'http://127.0.0.1:3101').replace(
    /\/$/,
    '',
  );
  return { command, url, token: values.token, timeoutSeconds };
}

async function call<T>(method: string, url: string, token: string): Promise<T> {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as T & { detail?: string; title?: string };
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${body.detail ?? body.title ?? ''}`);
  return body;
}

async function waitForRun(url: string, token: string, runId: string, timeoutSeconds: number) {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const run = await call<MatchRunView>('GET', `${url}/operator/match-runs/${runId}`, token);
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running after ${timeoutSeconds} s`);
    process.stderr.write('.');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

function share(count: number, total: number): string {
  return total === 0 ? '-' : `${((100 * count) / total).toFixed(1)}%`;
}

function countsTable(title: string, counts: Record<string, number>, total: number): string {
  const rows = Object.entries(counts).map(([key, count]) => [key, count, share(count, total)]);
  return table([title, 'accounts', 'share'], rows);
}

function printRun(run: MatchRunView): void {
  console.log(`\nmatch run ${run.id}: ${run.status}${run.failure ? ` (${run.failure})` : ''}`);
  if (run.finishedAt) {
    const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
    console.log(`took ${seconds.toFixed(1)} s`);
  }
  if (run.counts) console.log(table(['count', 'value'], Object.entries(run.counts)));
}

function printReport(report: MatchReport): void {
  const total = report.accounts;
  console.log(`\nmatch report: ${total} legacy accounts`);
  if (report.lastRun)
    console.log(`last run ${report.lastRun.id} (${report.lastRun.status}, ${report.lastRun.startedAt})`);
  console.log(`\n${countsTable('outcome', report.byOutcome, total)}`);
  console.log(`\n${countsTable('band', report.byBand, total)}`);
  console.log(`\n${countsTable('primary segment', report.bySegment, total)}`);
  console.log(`\n${countsTable('review reason', report.byReviewReason, report.byOutcome['review'] ?? 0)}`);
  console.log(`\n${table(['verified links', 'count'], Object.entries(report.verifiedLinks))}`);
  const queue = report.reviewQueue;
  console.log(
    `\nreview queue: ${queue.open} open, ${queue.pendingApproval} awaiting approval, ${queue.resolved} resolved`,
  );
  for (const [band, samples] of Object.entries(report.samples)) {
    if (samples.length === 0) continue;
    console.log(`\nsamples, band ${band}:`);
    const rows = samples.map((sample) => [
      sample.legacyAccountId,
      sample.targetAccountId ?? '-',
      sample.outcome,
      sample.probability.toFixed(4),
      sample.reviewReasons.join(',') || '-',
      (sample.evidence?.fields ?? [])
        .map((field) => `${field.field}:${field.level}(${field.weight.toFixed(1)})`)
        .join(' '),
    ]);
    console.log(table(['legacy', 'target', 'outcome', 'probability', 'reasons', 'evidence'], rows));
  }
}

async function main(): Promise<number> {
  let request: ReturnType<typeof parseCommandLine>;
  try {
    request = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (!request) {
    process.stderr.write(usage);
    return 0;
  }
  const token =
    request.token ??
    (await mintOperatorToken({
      subject: 'match-cli@rekey.local',
      scopes: ['imports:write', 'review:read'],
      ttlSeconds: request.timeoutSeconds + 300,
    }));
  if (request.command === 'run') {
    const started = await call<MatchRunView>('POST', `${request.url}/operator/match-runs`, token);
    process.stderr.write(`match run ${started.id} started`);
    const run = await waitForRun(request.url, token, started.id, request.timeoutSeconds);
    process.stderr.write('\n');
    printRun(run);
    if (run.status !== 'completed') return 1;
  }
  printReport(await call<MatchReport>('GET', `${request.url}/operator/match-report`, token));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`match: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
