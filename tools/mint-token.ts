/**
 * `npm run token -- --subject alice@example.com --scope waves:write --scope holds:write --ttl 3600`
 *
 * Mints a development operator token signed by the local development key. Only the token goes to
 * stdout, so `TOKEN=$(npm run --silent token -- ...)` captures it; where the services find the
 * matching JWKS goes to stderr.
 */
import { parseArgs } from 'node:util';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  developmentKeysDir,
  ensureDevelopmentKeys,
  isOperatorScope,
  mintOperatorToken,
  OPERATOR_SCOPES,
  type OperatorScope,
} from '@rekey/operator-auth';

const usage = `usage: npm run token -- --subject <who> --scope <scope> [--scope <scope>...] [--ttl <seconds>] [--keys-dir <folder>]

  --subject   the operator's identity, e.g. alice@example.com
  --scope     repeat for each scope: ${OPERATOR_SCOPES.join(', ')}
  --ttl       lifetime in seconds (default 3600)
  --keys-dir  development key folder (default \${REKEY_STACK_DIR:-/tmp/rekey-stack}/dev-keys)
`;

class UsageError extends Error {}

function parseCommandLine(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      subject: { type: 'string' },
      scope: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '3600' },
      'keys-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (!values.subject) throw new UsageError('--subject is required');
  const scopes = (values.scope ?? []).flatMap((scope) => scope.split(/[\s,]+/)).filter(Boolean);
  if (scopes.length === 0) throw new UsageError('give at least one --scope');
  const unknown = scopes.filter((scope) => !isOperatorScope(scope));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(', ')}`);
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
    throw new UsageError('--ttl must be a positive whole number of seconds');
  return {
    subject: values.subject,
    scopes: scopes as OperatorScope[],
    ttlSeconds,
    keysDir: values['keys-dir'] ?? developmentKeysDir(process.env),
  };
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
  const keys = await ensureDevelopmentKeys(request.keysDir);
  const token = await mintOperatorToken(request);
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    [
      `operator token for ${request.subject} (${request.scopes.join(' ')}), valid ${request.ttlSeconds} s`,
      `  OPERATOR_JWKS_PATH=${keys.jwksPath}`,
      `  OPERATOR_JWT_ISSUER=${DEVELOPMENT_ISSUER}`,
      `  OPERATOR_JWT_AUDIENCE=${DEVELOPMENT_AUDIENCE}`,
      '',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`mint-token: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
