/**
 * `npm run import -- --directory legacy --file legacy.csv [--url http://127.0.0.1:3101] [--token T]`
 *
 * Streams a directory export to identity-matching's import API, with a progress bar on the bytes
 * sent, then prints the counts, the known columns the file lacked, and the first rejected lines and
 * field warnings as file:line, field and reason. The upload goes only as fast as the service writes
 * the records, so the bar shows the import's pace. A rejected line is an account left out of the
 * migration, so it fails the command unless --accept-rejected says that was expected.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serviceNamed } from '@rekey/service-catalog';
import { developmentKeysDir, mintOperatorToken } from '@rekey/operator-auth';
import { uploadDirectory, type ImportReport } from './operator-api/identity-matching-api';
import { importReportText } from './operator-api/match-report-text';

const usage = `usage: npm run import -- --directory <legacy|target> --file <path> [--format csv|ndjson] [--url <service>] [--token <bearer>] [--accept-rejected]

  --directory  which directory the export is: legacy or target
  --file       the export, CSV with a header row or NDJSON (see apps/identity-matching/README.md)
  --format     csv or ndjson (default: from the file extension, .csv or .ndjson/.jsonl)
  --url        identity-matching's base URL (default http://127.0.0.1:3101)
  --token      an operator bearer token with the imports:write scope. Without it, a development
               token is minted with the local development key (\${REKEY_STACK_DIR:-/tmp/rekey-stack}/dev-keys):
               that only works against services started locally with that key (npm start), never
               against a deployment that trusts a real identity provider.
  --subject    who the minted development token names (default: $USER@localhost)
  --accept-rejected
               exit 0 even when lines were rejected (not imported: no usable account id, an
               unreadable line, or an id repeated in the file)

Field warnings (a value left out, the line imported) are reported and never fail the command.

Exit code: 0 imported, every line with an id imported (or --accept-rejected); 1 lines were
rejected, or the file was refused, or the import failed; 2 usage.
`;

class UsageError extends Error {}

interface Request {
  directory: 'legacy' | 'target';
  file: string;
  format: 'csv' | 'ndjson';
  url: string;
  token: string | undefined;
  subject: string;
  acceptRejected: boolean;
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
      'accept-rejected': { type: 'boolean', default: false },
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
    acceptRejected: values['accept-rejected'],
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
  const report = answer as ImportReport;
  process.stdout.write(`${importReportText(report, fileName, request.url)}\n`);
  if (report.counts.rejected > 0 && !request.acceptRejected) {
    process.stderr.write(
      `${report.counts.rejected} line(s) rejected: those accounts were not imported; fix the file and ` +
        'import it again, or pass --accept-rejected to accept that\n',
    );
    return 1;
  }
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
