// Measures redemption latency against a started service (not a test):
//   node -r ./tools/register.cjs apps/reset-issuance/src/integration/redemption-load.ts [rate] [seconds]
// Starts reset-issuance as its own process on a scratch database, seeds live tokens, then sends an
// open-loop mix of valid and invalid tokens at `rate` requests/s and prints p50/p99 per kind.
import path from 'node:path';
import {
  ensureLocalStack,
  localServiceEnvironment,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
} from '@rekey/testing';
import { Pool } from 'pg';
import { seedJourney } from './customer-journey.fixture';

const root = path.resolve(__dirname, '../../../..');
const rate = Number(process.argv[2] ?? 500);
const seconds = Number(process.argv[3] ?? 10);
const port = 4712;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const stack = await ensureLocalStack();
  const databaseUrl = await stack.createScratchDatabase('reset_load');
  const url = `http://127.0.0.1:${port}`;
  const service = startServiceProcess('reset-issuance', {
    root,
    logDir: path.join(root, 'tmp/test-logs'),
    fromSource: true,
    port,
    environment: {
      ...(await localServiceEnvironment('reset-issuance')),
      DATABASE_URL: databaseUrl,
      RESET_BASE_URL: url,
      SCHEDULER_ENABLED: 'false',
      OTEL_TRACES_EXPORTER: 'none',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '20',
      REDEEM_LIMIT_PER_IP: '1000000',
      REDEEM_LIMIT_PER_SUBNET: '1000000',
      REDEEM_LIMIT_GLOBAL: '1000000',
    },
  });
  const db = new Pool({ connectionString: databaseUrl, max: 8 });
  try {
    await waitUntilReady(service, 90_000);
    const total = rate * seconds;
    const validCount = Math.ceil(total / 2);
    const valid: string[] = [];
    for (let batch = 0; batch < validCount; batch += 50) {
      const seeded = await Promise.all(
        Array.from({ length: Math.min(50, validCount - batch) }, () => seedJourney(db)),
      );
      valid.push(...seeded.map((journey) => journey.token));
    }
    // Warm the connection pool and JIT before measuring.
    for (let index = 0; index < 50; index += 1) await redeem(url, 'warm-up-token');

    const latencies: Record<'valid' | 'invalid', number[]> = { valid: [], invalid: [] };
    const statuses = new Map<number, number>();
    const errors = new Map<string, number>();
    const started = performance.now();
    const pending: Array<Promise<void>> = [];
    for (let index = 0; index < total; index += 1) {
      const due = started + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const kind = index % 2 === 0 && valid.length > 0 ? 'valid' : 'invalid';
      const token = kind === 'valid' ? valid.pop()! : `invalid-${index}`.padEnd(43, 'x');
      // Latency from the scheduled instant, so a backlog in the generator counts (no coordinated omission).
      pending.push(
        redeem(url, token).then(
          (status) => {
            latencies[kind].push(performance.now() - due);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          },
          (error: unknown) => {
            const cause = String((error as Error).cause ?? error);
            errors.set(cause, (errors.get(cause) ?? 0) + 1);
          },
        ),
      );
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - started) / 1000;
    const all = [...latencies.valid, ...latencies.invalid];
    const line = (name: string, values: number[]) =>
      `${name.padEnd(8)} n=${String(values.length).padStart(5)}  p50=${percentile(values, 50).toFixed(1)} ms  p99=${percentile(values, 99).toFixed(1)} ms  max=${percentile(values, 100).toFixed(1)} ms`;
    process.stdout.write(
      [
        `redemption at ${rate} req/s for ${seconds} s (achieved ${(total / elapsed).toFixed(0)} req/s)`,
        line('valid', latencies.valid),
        line('invalid', latencies.invalid),
        line('all', all),
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        `errors ${JSON.stringify(Object.fromEntries(errors))}`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.end();
    await stopServiceProcess(service);
  }
}

async function redeem(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/reset/redeem`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: `token=${encodeURIComponent(token)}`,
  });
  await response.arrayBuffer();
  return response.status;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
