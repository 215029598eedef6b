// The local stack from the command line: a Kafka broker (KRaft, from Maven Central jars) and an
// embedded PostgreSQL with one database and role per service, shared by `npm start` and the tests.
//
//   npm run stack -- up             start (or reuse) and print the addresses
//   npm run stack -- status         what runs now; exit code 1 when something is down
//   npm run stack -- down [--purge] stop; --purge also deletes the broker's and database's data
import { patchKafkajsRequestQueue } from '@rekey/messaging';
import {
  ensureKafkaJars,
  ensureLocalStack,
  hasKafkaJars,
  localStackStatus,
  serviceNames,
  stackSettings,
  stopLocalStack,
} from '@rekey/testing';

// Its admin clients are kafkajs's: without the patch each prints Node 24's TimeoutNegativeWarning.
patchKafkajsRequestQueue();

function masked(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '****';
  return parsed.toString();
}

async function up(): Promise<void> {
  const settings = stackSettings();
  if (!settings.externalKafkaBrokers && !hasKafkaJars(settings)) await ensureKafkaJars(settings);
  const started = Date.now();
  const stack = await ensureLocalStack();
  console.log(`local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  KAFKA_BROKERS=${stack.kafkaBrokers.join(',')}`);
  console.log(`  REKEY_POSTGRES_URL=${masked(stack.postgresAdminUrl)}`);
  console.log('  service databases:');
  const width = Math.max(...serviceNames.map((service) => service.length));
  for (const service of serviceNames) {
    console.log(`    ${service.padEnd(width)}  ${masked(stack.databaseUrl(service))}`);
  }
  console.log(`  data and logs: ${settings.stackDir}`);
}

async function status(): Promise<boolean> {
  const { kafka, postgres } = await localStackStatus();
  const state = (running: boolean) => (running ? 'running' : 'down');
  const pid = (value: number | undefined) => (value === undefined ? '' : ` (pid ${value})`);
  console.log(
    `kafka     ${state(kafka.running)}  ${kafka.source}  ${kafka.brokers.join(',') || '-'}${pid(kafka.pid)}`,
  );
  console.log(
    `postgres  ${state(postgres.running)}  ${postgres.source}  ${postgres.adminUrl ? masked(postgres.adminUrl) : '-'}${pid(postgres.pid)}`,
  );
  return kafka.running && postgres.running;
}

async function main(command: string | undefined, flags: string[]): Promise<number> {
  switch (command) {
    case 'up':
      await up();
      return 0;
    case 'status':
      return (await status()) ? 0 : 1;
    case 'down':
      await stopLocalStack({ purge: flags.includes('--purge') });
      console.log(
        flags.includes('--purge') ? 'local stack stopped and its data deleted' : 'local stack stopped',
      );
      return 0;
    default:
      console.error('usage: stack up | status | down [--purge]');
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
