/**
 * `npm run match -- run`     starts a match run through identity-matching's API, waits, prints the report
 * `npm run match -- report`  prints the match report
 * `npm run match -- export`  streams every legacy account's result of the latest run as NDJSON or CSV
 *
 * Options: --url (default $IDENTITY_MATCHING_URL or http://127.0.0.1:3101), --token (an operator
 * token; without it a development token is minted with the local development key), --timeout
 * (seconds to wait for a run, default 1800). Export: --format ndjson|csv (default ndjson),
 * --outcome, --band, --segment, --contact-state, --run (the run meant: refused if not the latest),
 * --page-size (1-1000, default 1000), --out (a file, written whole or not at all; default stdout).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { serviceNamed } from '@rekey/service-catalog';
import { mintOperatorToken } from '@rekey/operator-auth';
import { matchReport, startMatchRun, waitForMatchRun } from './operator-api/identity-matching-api';
import { matchReportText, matchRunText } from './operator-api/match-report-text';
import {
  exportMatchResults,
  type ExportFormat,
  type MatchResultsFilter,
} from './operator-api/match-results-export';

const usage = `usage: npm run match -- <run|report> [--url <identity-matching url>] [--token <operator token>] [--timeout <seconds>]
       npm run match -- export [--format ndjson|csv] [--outcome linked|review|new] [--band high|medium|low|none]
                               [--segment <segment>] [--contact-state none|unverified_only|stale_verified|verified]
                               [--run <run id>] [--page-size <1-1000>] [--out <file>] [--url …] [--token …]
`;

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      timeout: { type: 'string', default: '1800' },
      format: { type: 'string', default: 'ndjson' },
      outcome: { type: 'string' },
      band: { type: 'string' },
      segment: { type: 'string' },
      'contact-state': { type: 'string' },
      run: { type: 'string' },
      'page-size': { type: 'string', default: '1000' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const command = positionals[0];
  if (command !== 'run' && command !== 'report' && command !== 'export')
    throw new UsageError('say "run", "report" or "export"');
  if (values.format !== 'ndjson' && values.format !== 'csv')
    throw new UsageError('--format must be ndjson or csv');
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new UsageError('--page-size must be a whole number from 1 to 1000');
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout must be a positive whole number of seconds');
  const url = (
    values.url ??
    process.env['IDENTITY_MATCHING_URL'] ??
    `http://127.0.0.1:${serviceNamed('identity-matching').port}`
  ).replace(/\/$/, '');
  // Filter values are checked by the service, which names the one it refuses.
  const filter: MatchResultsFilter = {
    ...(values.run ? { runId: values.run } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(values.band ? { band: values.band } : {}),
    ...(values.segment ? { segment: values.segment } : {}),
    ...(values['contact-state'] ? { contactState: values['contact-state'] } : {}),
  };
  const format: ExportFormat = values.format;
  return { command, url, token: values.token, timeoutSeconds, format, filter, pageSize, out: values.out };
}

type Request = NonNullable<ReturnType<typeof parseCommandLine>>;

/** To a file through a temporary name, so that an export broken off leaves no file that looks whole. */
async function exportResults(request: Request, token: string): Promise<void> {
  const partial = request.out ? `${request.out}.partial` : undefined;
  const output = partial ? createWriteStream(partial) : process.stdout;
  try {
    const { exported, runId } = await exportMatchResults({
      url: request.url,
      token,
      filter: request.filter,
      format: request.format,
      output,
      pageSize: request.pageSize,
      onPage: (count) => process.stderr.write(`\rexported ${count} results`),
    });
    if (partial && request.out) {
      output.end();
      await finished(output);
      await rename(partial, request.out);
    }
    process.stderr.write(
      `\rexported ${exported} results of match run ${runId ?? '-'}${request.out ? ` to ${request.out}` : ''}\n`,
    );
  } catch (error) {
    if (partial) {
      output.destroy();
      await rm(partial, { force: true });
    }
    process.stderr.write('\n');
    throw error;
  }
}

async function main(): Promise<number> {
  let request: Request | undefined;
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
  if (request.command === 'export') {
    await exportResults(request, token);
    return 0;
  }
  if (request.command === 'run') {
    const started = await startMatchRun(request.url, token);
    process.stderr.write(`match run ${started.id} started`);
    const run = await waitForMatchRun(request.url, token, started.id, request.timeoutSeconds, () =>
      process.stderr.write('.'),
    );
    process.stderr.write('\n');
    console.log(`\n${matchRunText(run)}`);
    if (run.status !== 'completed') return 1;
  }
  console.log(`\n${matchReportText(await matchReport(request.url, token))}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`match: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
