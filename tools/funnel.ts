/**
 * `npm run funnel -- --wave <id>`  prints a wave's migration funnel from audit and writes its SVG chart
 * `npm run funnel -- --list`       lists the waves audit has recorded
 *
 * Options: --url (default $AUDIT_URL or http://127.0.0.1:3106), --token (an operator token with
 * audit:read; without it a development token is minted with the local development key), --out
 * (folder for the SVG, default tmp/funnel).
 */
import { parseArgs } from 'node:util';
import { mintOperatorToken } from '@rekey/operator-auth';
import { serviceNamed } from '@rekey/service-catalog';
import { knownWaves } from './operator-api/audit-funnel-api';
import { table } from './operator-api/tables';
import { printFunnel } from './funnel/print-funnel';

const usage = `usage: npm run funnel -- (--wave <wave id> | --list) [--url <audit url>] [--token <operator token>] [--out <folder>]
`;

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      wave: { type: 'string' },
      list: { type: 'boolean' },
      url: { type: 'string' },
      token: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (!values.wave && !values.list) throw new UsageError('give --wave <id>, or --list');
  const url = (
    values.url ??
    process.env['AUDIT_URL'] ??
    `http://127.0.0.1:${serviceNamed('audit').port}`
  ).replace(/\/$/, '');
  return { waveId: values.wave, list: values.list ?? false, url, token: values.token, outDir: values.out };
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
    (await mintOperatorToken({ subject: 'funnel-cli@rekey.local', scopes: ['audit:read'], ttlSeconds: 300 }));
  if (request.list || !request.waveId) {
    const waves = await knownWaves(request.url, token);
    console.log(
      table(
        ['wave', 'name', 'cutoff', 'accounts', 'journeys'],
        waves.map((wave) => [
          wave.waveId,
          wave.name ?? '-',
          wave.cutoffAt ?? '-',
          wave.accountCount ?? '-',
          wave.journeys,
        ]),
      ),
    );
    return 0;
  }
  await printFunnel({
    auditUrl: request.url,
    token,
    waveId: request.waveId,
    ...(request.outDir === undefined ? {} : { outDir: request.outDir }),
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`funnel: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
