/**
 * `npm run outbox -- parked --service reset-issuance`
 * `npm run outbox -- requeue <event-id>... | --all --service reset-issuance`
 *
 * Lists the outbox events a service's relay parked (the broker refused them for good: too large
 * for their topic, a topic it rejects, no right to write there), and re-queues them once the
 * cause is fixed: they go to the end of the outbox and are published after what is waiting there.
 * Works on the service's database: DATABASE_URL when set, the local stack's otherwise.
 */
import { parseArgs } from 'node:util';
import { ParkedOutbox } from '@rekey/messaging';
import { createServiceDataSource } from '@rekey/persistence';
import { ensureLocalStack, serviceNames } from '@rekey/testing';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { service: { type: 'string' }, all: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...eventIds] = positionals;
  if (!values.service || !(serviceNames as readonly string[]).includes(values.service)) {
    throw new Error(`--service must be one of ${serviceNames.join(', ')}`);
  }
  if (command !== 'parked' && command !== 'requeue') throw new Error('expected "parked" or "requeue"');
  if (command === 'requeue') {
    if (values.all === eventIds.length > 0) throw new Error('requeue takes event ids or --all, not both');
    const malformed = eventIds.find((id) => !uuid.test(id));
    if (malformed !== undefined) throw new Error(`not an event id: ${JSON.stringify(malformed)}`);
  }
  const url = process.env['DATABASE_URL'] ?? (await ensureLocalStack()).databaseUrl(values.service);
  const dataSource = createServiceDataSource({
    url,
    applicationName: 'rekey-outbox-tool',
    entities: [],
    migrations: [],
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    const parked = new ParkedOutbox(dataSource);
    if (command === 'parked') {
      const rows = await parked.list();
      for (const row of rows) {
        process.stdout.write(
          `${row.eventId}  ${row.eventType}  ${row.topic}  key=${row.key}  attempts=${row.attempts}  ` +
            `parked=${row.parkedAt.toISOString()}  ${row.error}\n`,
        );
      }
      process.stdout.write(`${rows.length} parked event(s) in ${values.service}\n`);
      return;
    }
    const requeued = await parked.requeue(values.all ? undefined : eventIds);
    const missing = eventIds.filter((id) => !requeued.includes(id.toLowerCase()));
    process.stdout.write(`re-queued ${requeued.length} event(s) in ${values.service}\n`);
    if (missing.length > 0) throw new Error(`not parked: ${missing.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  // 42P01: undefined table. The service has not yet run the messaging migration that adds parking.
  const message =
    (error as { code?: string }).code === '42P01'
      ? 'this database has no outbox_parked table yet: start the service once with this version (it runs the messaging migrations)'
      : (error as Error).message;
  process.stderr.write(`outbox: ${message}\n`);
  process.exit(1);
});
