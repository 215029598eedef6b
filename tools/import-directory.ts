/**
 * `npm run import -- --directory legacy --file legacy.csv [--url http://127.0.0.1:3101] [--token T]`
 *
 * Streams a directory export to identity-matching's import API, with a progress bar on the bytes
 * sent, then prints the counts and the first rejected lines as file:line, field and reason. The
 * upload goes only as fast as the service writes the records, so the bar shows the import's pace.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { developmentKeysDir, mintOperatorToken } from '@rekey/operator-auth';

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
      url: { type: 'string', default: 'http://127.0.0.1:3101' },
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

/** A bar redrawn in place on a terminal; a line every tenth of the way otherwise (CI logs, pipes). */
function progressReporter(total: number) {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastDrawn = 0;
  let lastTenth = -1;
  const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  const line = (sent: number) => {
    const fraction = total === 0 ? 1 : sent / total;
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const width = 30;
    const filled = Math.round(fraction * width);
    return (
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ` +
      `${megabytes(sent)} / ${megabytes(total)} MB  ${megabytes(sent / seconds)} MB/s`
    );
  };
  return {
    update(sent: number) {
      if (tty) {
        if (Date.now() - lastDrawn < 100 && sent < total) return;
        lastDrawn = Date.now();
        process.stderr.write(`\r${line(sent)}`);
      } else {
        const tenth = total === 0 ? 10 : Math.floor((sent / total) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        process.stderr.write(`${line(sent)}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function* fileWithProgress(file: string, size: number): AsyncGenerator<Uint8Array> {
  const progress = progressReporter(size);
  let sent = 0;
  progress.update(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    yield chunk as Buffer;
    sent += (chunk as Buffer).length;
    progress.update(sent);
  }
  progress.done();
}

interface Report {
  id: string;
  status: string;
  counts: Record<'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected', number>;
  rejections: Array<{ line: number; field?: string; reason: string }>;
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
  const { size } = await stat(request.file);
  const token =
    request.token ??
    (await mintOperatorToken({
      subject: request.subject,
      scopes: ['imports:write'],
      ttlSeconds: 3600,
      keysDir: developmentKeysDir(process.env),
    }));
  const fileName = path.basename(request.file);
  const query = new URLSearchParams({ directory: request.directory, format: request.format, fileName });
  process.stderr.write(
    `importing ${request.file} into the ${request.directory} directory at ${request.url}\n`,
  );
  const response = await fetch(`${request.url}/operator/imports?${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': request.format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    },
    body: fileWithProgress(request.file, size),
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  const answer = (await response.json().catch(() => ({}))) as Partial<Report> & {
    detail?: string;
    title?: string;
  };
  if (response.status !== 201) {
    process.stderr.write(
      `import failed (HTTP ${response.status}): ${answer.detail ?? answer.title ?? 'no detail'}\n`,
    );
    return 1;
  }
  printReport(answer as Report, fileName, request.url);
  return 0;
}

function printReport(report: Report, fileName: string, url: string): void {
  const { read, inserted, updated, unchanged, rejected } = report.counts;
  const lines = [
    `import ${report.id}: ${report.status}`,
    `  read ${read}, inserted ${inserted}, updated ${updated}, unchanged ${unchanged}, rejected ${rejected}`,
  ];
  if (report.rejections.length > 0) {
    lines.push(
      rejected > report.rejections.length
        ? `first ${report.rejections.length} rejected lines:`
        : 'rejected lines:',
    );
    for (const { line, field, reason } of report.rejections) {
      lines.push(`  ${fileName}:${line}  ${field ?? '(line)'}  ${reason}`);
    }
  }
  if (rejected > report.rejections.length) {
    lines.push(
      `all stored rejections: GET ${url}/operator/imports/${report.id}/rejections?after=<line>&limit=1000`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
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
