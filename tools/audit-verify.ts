/**
 * `npm run audit:verify [-- --url http://127.0.0.1:3106]` — asks the audit service to walk its
 * whole chain and check every checkpoint (GET /operator/audit/verification), prints the report
 * and exits 1 when the log is not intact.
 *
 * `npm run audit:evidence -- --account <id> | --journey <id> | --wave <id> [--out file]` — writes
 * an evidence export and the public key (JWKS) beside it, for tools/audit-evidence/verify-evidence.cjs.
 *
 * Through the operator API rather than the database: the CLI needs no database credentials, and
 * checks exactly what an auditor calling the API gets. The token is OPERATOR_TOKEN, or a
 * development token (scope audit:read) signed with the local development key.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { mintOperatorToken } from '@rekey/operator-auth';
import { serviceNamed } from '@rekey/service-catalog';
import { auditVerification, auditVerificationText } from './operator-api/audit-verification-api';

async function token(): Promise<string> {
  return (
    process.env['OPERATOR_TOKEN'] ??
    mintOperatorToken({ subject: 'audit-cli@localhost', scopes: ['audit:read'], ttlSeconds: 300 })
  );
}

async function verify(url: string): Promise<number> {
  const report = await auditVerification(url, await token());
  process.stdout.write(`Audit log verification (${url}):\n${auditVerificationText(report)}\n`);
  if (report.firstProblem) process.stdout.write(`${JSON.stringify(report.firstProblem, null, 2)}\n`);
  return report.valid ? 0 : 1;
}

async function evidence(url: string, query: string, out: string): Promise<number> {
  const response = await fetch(`${url}/operator/audit/evidence?${query}`, {
    headers: { authorization: `Bearer ${await token()}` },
  });
  if (!response.ok) throw new Error(`evidence export: HTTP ${response.status} ${await response.text()}`);
  await writeFile(out, await response.text());
  const keys = `${out.replace(/\.ndjson$/, '')}.jwks.json`;
  await writeFile(keys, await (await fetch(`${url}/.well-known/jwks.json`)).text());
  process.stdout.write(
    `wrote ${out} and ${keys}\ncheck it: node tools/audit-evidence/verify-evidence.cjs ${out} ${keys}\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: {
        type: 'string',
        default: process.env['AUDIT_URL'] ?? `http://127.0.0.1:${serviceNamed('audit').port}`,
      },
      account: { type: 'string' },
      journey: { type: 'string' },
      wave: { type: 'string' },
      out: { type: 'string', default: 'audit-evidence.ndjson' },
    },
  });
  const url = values.url.replace(/\/$/, '');
  if (positionals[0] !== 'evidence') return verify(url);
  const selection = (['account', 'journey', 'wave'] as const).filter((name) => values[name] !== undefined);
  if (selection.length !== 1) throw new Error('give exactly one of --account, --journey, --wave');
  const name = selection[0]!;
  return evidence(url, `${name}=${encodeURIComponent(values[name]!)}`, values.out);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  },
);
