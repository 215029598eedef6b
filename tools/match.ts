/**
 * `npm run match -- run`     starts a match run through identity-matching's API, waits, prints the report
 * `npm run match -- report`  prints the match report
 *
 * Options: --url (default $IDENTITY_MATCHING_URL or http://127.0.0.1:3101), --token (an operator
 * token; without it a development token is minted with the local development key), --timeout
 * (seconds to wait for a run, default 1800).
 */
import { parseArgs } from 'node:util';
import { serviceNamed } from '@rekey/service-catalog';
import { mintOperatorToken } from '@rekey/operator-auth';
import { matchReport, startMatchRun, waitForMatchRun } from './operator-api/identity-matching-api';
import { matchReportText, matchRunText } from './operator-api/match-report-text';

const usage = `usage: npm run match -- <run|report> [--url <identity-matching url>] [--token <operator token>] [--timeout <seconds>]
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
  const url = (
    values.url ??
    process.env['IDENTITY_MATCHING_URL'] ??
    `http://127.0.0.1:${serviceNamed('identity-matching').port}`
  ).replace(/\/$/, '');
  return { command, url, token: values.token, timeoutSeconds };
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
