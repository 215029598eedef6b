/**
 * `npm run resync -- --wave <id>`  compares a wave's migrated accounts with the legacy system,
 * repairs the drift (sessions created at the legacy side after revocation, logins not retired) and
 * prints the run's report.
 *
 * Options: --url (default $SESSION_REVOCATION_URL or http://127.0.0.1:3104), --token (an operator
 * token with revocations:write and revocations:read; without it a development token is minted with
 * the local development key), --timeout (seconds to wait for the run, default 600).
 */
import { parseArgs } from 'node:util';
import { mintOperatorToken } from '@rekey/operator-auth';
import { serviceNamed } from '@rekey/service-catalog';
import { sleep } from './operator-api/operator-call';
import { resyncRun, startResync, type ResyncRunView } from './operator-api/session-revocation-api';
import { table } from './operator-api/tables';

const usage = `usage: npm run resync -- --wave <wave id> [--url <session-revocation url>] [--token <operator token>] [--timeout <seconds>]
`;

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      wave: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (!values.wave) throw new UsageError('give --wave <id>');
  const timeoutSeconds = Number(values.timeout ?? 600);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout takes seconds');
  const url = (
    values.url ??
    process.env['SESSION_REVOCATION_URL'] ??
    `http://127.0.0.1:${serviceNamed('session-revocation').port}`
  ).replace(/\/$/, '');
  return { waveId: values.wave, url, token: values.token, timeoutMs: timeoutSeconds * 1000 };
}

function report(run: ResyncRunView): string {
  const lines = [
    `re-sync ${run.runId} of wave ${run.waveId}: ${run.state}` +
      (run.completedAt ? ` (${run.startedAt} → ${run.completedAt})` : ''),
    table(
      ['', 'count'],
      [
        ['accounts checked', run.counts.accountsChecked],
        ['accounts with drift', run.counts.accountsWithDrift],
        ['sessions revoked again', run.counts.sessionsRevoked],
        ['logins retired again', run.counts.loginsRetired],
        ['failures', run.counts.failures],
      ],
    ),
  ];
  if (run.failures.length > 0) {
    lines.push(
      table(
        ['failed account', 'code'],
        run.failures.map((failure) => [failure.legacyAccountId, failure.code]),
      ),
    );
  }
  return lines.join('\n');
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
      subject: 'resync-cli@rekey.local',
      scopes: ['revocations:write', 'revocations:read'],
      ttlSeconds: Math.ceil(request.timeoutMs / 1000) + 60,
    }));
  let run = await startResync(request.url, token, request.waveId);
  const deadline = Date.now() + request.timeoutMs;
  let shown = -1;
  while (run.state !== 'completed') {
    if (Date.now() > deadline) {
      process.stderr.write(
        `resync: still running after the timeout; GET /operator/resync-runs/${run.runId}\n`,
      );
      console.log(report(run));
      return 1;
    }
    await sleep(500);
    run = await resyncRun(request.url, token, run.runId);
    if (run.counts.accountsChecked !== shown) {
      shown = run.counts.accountsChecked;
      process.stderr.write(`  ${shown} accounts checked\n`);
    }
  }
  console.log(report(run));
  return run.counts.failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`resync: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
