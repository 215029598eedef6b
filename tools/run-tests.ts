/**
 * `npm test`: type-check, formatting, lint with module boundaries, unit tests, then the integration and
 * end-to-end tests against a real Kafka broker and PostgreSQL. The local stack is started when
 * it is not running and stopped again afterwards if this run started it.
 */
import { spawnSync } from 'node:child_process';
import { patchKafkajsRequestQueue } from '@rekey/messaging';
import { ensureLocalStack, localStackStatus, stopLocalStack } from '@rekey/testing';

// The local stack's admin clients are kafkajs clients too (libs/messaging explains the patch).
patchKafkajsRequestQueue();

function run(title: string, command: string, args: string[]): void {
  process.stdout.write(`\n==> ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed after ${seconds} s\n`);
    throw new Error(`${title} failed`);
  }
  process.stdout.write(`--- ${title}: passed in ${seconds} s\n`);
}

async function main(): Promise<void> {
  const nx = ['nx', 'run-many', '--outputStyle=stream', '--skipNxCache'];
  run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json']);
  run('formatting', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('lint (module boundaries)', 'npx', [...nx, '-t', 'lint', '--parallel=2']);
  run('unit tests', 'npx', [...nx, '-t', 'test', '--parallel=2']);

  const before = await localStackStatus();
  const wasRunning = before.kafka.running && before.postgres.running;
  await ensureLocalStack();
  try {
    run('integration tests (Kafka + PostgreSQL)', 'npx', [...nx, '-t', 'integration', '--parallel=1']);
  } finally {
    if (!wasRunning) await stopLocalStack();
  }
}

main().then(
  () => process.stdout.write('\nall tests passed\n'),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
