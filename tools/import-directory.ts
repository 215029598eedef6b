/**
 * `npm run import -- --directory legacy --file legacy.csv [--url http://127.0.0.1:3101] [--token T]`
 *
 * Streams a directory export to identity-matching's import API, with a progress bar on the bytes
 * sent, then prints the counts and the first rejected lines as file:line, field and reason. The
 * upload goes only as fast as the service writes the records, so the bar shows the import's pace.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serviceNamed } from '@rekey/service-catalog';
import { developmentKeysDir, mintOperatorToken } from '@rekey/operator-auth';
import { uploadDirectory, type ImportReport } from './operator-api/identity-matching-api';
import { importReportText } from './operator-api/match-report-text';

const usage = `usage: npm run import -- --directory <legacy|target> --file <path> [--format csv|ndjson] [--url <service>] [--token <bearer>]

  --directory  which directory the export is: legacy or target
  --file       the export, CSV with a header row or NDJSON (see apps/identity-matching/README.md)
  --format     csv or ndjson (default: from the file extension, .csv or .ndjson/.jsonl)
  --url        identity-matching's base URL (default http://127.0.0.1:3101)
  --token      an operator bearer token with the imports:write scope. Without it, a development
               token is minted with the local development key (\${REKEY_STACK_DIR:-/tmp/rekey-stack}/dev-keys):
               that only works against services started locally with that key (npm start), never
               against a deployment that trusts a real identity provider.
  --subject    who the minted development token names (default: $USER@localhost)

Exit code: 0 imported (rejected lines are reported, not fatal), 1 refused or failed, 2 usage.
`;

class UsageError extends Error {}

interface Request {
  directory: 'legacy' | 'target';
  file: string;
  format: 'csv' | 'ndjson';
  url: string;
  token: string | undefined;
  subject: string;
}

function parseCommandLine(args: string[]): Request | undefined {
  const { values } = parseArgs({
    args,
    options: {
      directory: { type: 'string' },
      file: { type: 'string' },
      format: { type: 'string' },
      url: { type: 'string', default: `http://127.0.0.1:${serviceNamed('identity-matching').port}` },
      token: { type: 'string' },
      subject: { type: 'string', default: `${process.env['USER'] ?? 'operator'}@localhost` },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (values.directory !== 'legacy' && values.directory !== 'target') {
    throw new UsageError('--directory must be legacy or target');
  }
  if (!values.file) throw new UsageError('--file is required');
  const extension = path.extname(values.file).toLowerCase();
  const format =
    values.format ??
    (extension === '.csv' ? 'csv' : ['.ndjson', '.jsonl'].includes(extension) ? 'ndjson' : '');
  if (format !== 'csv' && format !== 'ndjson') {
    throw new UsageError('--format must be csv or ndjson (it cannot be told from the file extension)');
  }
  return {
    directory: values.directory,
    file: values.file,
    format,
    url: values.url.replace(/\/+$/, ''),
    token: values.token,
    subject: values.subject,
  };
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
    process.stdout.write(usage);
    return 0;
  }
  const token =
    request.token ??
    (await mintOperatorToken({
      subject: request.subject,
      scopes: ['imports:write'],
      ttlSeconds: 3600,
      keysDir: developmentKeysDir(process.env),
    }));
  const fileName = path.basename(request.file);
  process.stderr.write(
    `importing ${request.file} into the ${request.directory} directory at ${request.url}\n`,
  );
  const { status, answer } = await uploadDirectory({ ...request, token });
  if (status !== 201) {
    process.stderr.write(`import failed (HTTP ${status}): ${answer.detail ?? answer.title ?? 'no detail'}\n`);
    return 1;
  }
  process.stdout.write(`${importReportText(answer as ImportReport, fileName, request.url)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const cause = (error as { cause?: { code?: string } }).cause;
    process.stderr.write(
      `\nimport-directory: ${(error as Error).message}${cause?.code ? ` (${cause.code})` : ''}\n`,
    );
    process.exit(1);
  },
);
