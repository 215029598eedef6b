/**
 * Runs the legacy-CIAM simulator on its own (a development tool; never deployed):
 *
 *   npm run legacy-ciam                                   port 3190, base path /legacy, bearer token
 *   npm run legacy-ciam -- --port 0 --seed-file tmp/demo/legacy-directory.csv
 *   npm run legacy-ciam -- --basic-user rekey --basic-password secret
 *
 * LEGACY_CIAM_PORT sets the port when --port is not given. The first line on stdout is JSON
 * naming the URLs, so a test that starts it as a child process with --port 0 can read its port.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_PATH, DEFAULT_PORT, startLegacyCiam } from './legacy-ciam-server';
import { DEFAULT_BEARER_TOKEN, type LegacyAuth } from './legacy-auth';
import { DEFAULT_PASSWORD_SEED } from './legacy-passwords';
import { seedFromDirectoryFile } from './seeding';

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: 'string' },
      'base-path': { type: 'string', default: DEFAULT_BASE_PATH },
      token: { type: 'string' },
      'basic-user': { type: 'string' },
      'basic-password': { type: 'string' },
      'password-seed': { type: 'string', default: DEFAULT_PASSWORD_SEED },
      'seed-file': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? process.env['LEGACY_CIAM_PORT'] ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail('--port must be a port number (0: any free one)');
  const { 'basic-user': user, 'basic-password': password } = values;
  if ((user === undefined) !== (password === undefined) || user === '' || password === '')
    fail('--basic-user and --basic-password go together');
  if (user !== undefined && values.token) fail('either --token or --basic-user/--basic-password, not both');
  const auth: LegacyAuth =
    user !== undefined && password !== undefined
      ? { basic: { user, password } }
      : { bearer: values.token ?? DEFAULT_BEARER_TOKEN };
  return {
    port,
    basePath: values['base-path'],
    auth,
    passwordSeed: values['password-seed'],
    seedFile: values['seed-file'],
  };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { seedFile, ...settings } = options();
  const simulator = await startLegacyCiam(settings);
  const seeded = seedFile ? await seedFromDirectoryFile(simulator.state.store, seedFile) : undefined;
  process.stdout.write(
    `${JSON.stringify({ apiUrl: simulator.apiUrl, simulatorUrl: `${simulator.origin}/_simulator`, port: simulator.port, accounts: simulator.state.store.size })}\n`,
  );
  process.stderr.write(
    `legacy-CIAM simulator (development tool) on ${simulator.apiUrl}` +
      (seeded ? `, ${seeded.created} accounts from ${seedFile}` : '') +
      `; faults and stats at ${simulator.origin}/_simulator\n`,
  );
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
