/**
 * Redemption benchmark: reset-issuance in its own process, as deployed, answering an open-loop
 * mix of link redemptions at 500 requests/s: first use of live links (each spends a token, signs
 * an enrollment grant and commits its events to the outbox), unknown tokens, and replays of
 * links already spent. Every request comes from its own client address behind one trusted proxy,
 * so the per-address, per-subnet, per-account and global limits are all counted, in PostgreSQL,
 * on every request, at their default values except the global one (sized to the wave).
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import path from 'node:path';
import {
  appBenchProcess,
  cpuSecondsSince,
  machineBusyPercent,
  readCpu,
  readMainThreadSchedule,
  runBenchProcess,
  type CpuReading,
  type ThreadSchedule,
} from '@rekey/benchmarking';
import {
  ensureLocalStack,
  isolatedPlatform,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
} from '@rekey/testing';
import { Client, Pool } from 'pg';
import { percentile, type Metric } from '../results';
import { runOpenLoopLoad, type LoadRequest, type LoadResult } from './open-loop-load';

// The target rate; REKEY_BENCH_REDEMPTION_RATE measures another one (e.g. to find the knee).
const perSecond = Number(process.env['REKEY_BENCH_REDEMPTION_RATE'] ?? 500);
const seconds = 20;
// At the target rate, before measuring: first uses only (they spend the links the mix replays),
// then the measured mix. V8 keeps tiering up well past the first seconds of load: about ten
// thousand requests in, it compiles the per-request functions with its optimising tier, a burst
// of some two hundred jobs that holds a core for half a second (seen with --trace-opt). The
// warm-up goes past it, as a replica that has served for a minute has.
const warmUp = { firstUseSeconds: 10, mixedSeconds: 20 };
const port = 4712;
const kinds = ['first_use', 'unknown', 'replayed'] as const;
type Kind = (typeof kinds)[number];

export async function measureRedemption(): Promise<Metric[]> {
  // Compiled to dist/bench/redemption: the workspace is three folders up.
  const root = path.resolve(__dirname, '../../..');
  // Run after the issuance benchmark, the server is still writing out that wave's 100,000-row
  // tables (and vacuuming them) for a minute or more: a checkpoint first, so this load is measured
  // against a settled server, as a service would meet it.
  await settleDatabaseServer();
  // Its own database and topics: the links it spends are no one else's events.
  const platform = await isolatedPlatform('bench_redemption');
  const environment = await platform.serviceEnvironment('reset-issuance');
  const url = `http://127.0.0.1:${port}`;
  const service = startServiceProcess('reset-issuance', {
    root,
    logDir: path.join(root, 'tmp/bench-logs'),
    port,
    environment: {
      ...environment,
      RESET_BASE_URL: url,
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
      REDEEM_LIMIT_GLOBAL: '1000000',
      // e.g. --cpu-prof --cpu-prof-dir=/tmp/profiles, to see where the service spends its time.
      NODE_OPTIONS: process.env['REKEY_BENCH_SERVICE_NODE_OPTIONS'] ?? '',
    },
  });
  const db = new Pool({ connectionString: environment['DATABASE_URL'], max: 4 });
  // The sockets a reverse proxy would keep open to the service, the same through warm-up and run.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    await waitUntilReady(service, 90_000);
    const total = perSecond * seconds;
    const mixedWarmUp = perSecond * warmUp.mixedSeconds;
    const spentInWarmUp = perSecond * warmUp.firstUseSeconds;
    const firstUses = spentInWarmUp + (mixedWarmUp + total) / 2;
    process.stdout.write(`redemption: seeding ${firstUses} live links...\n`);
    const tokens = await runBenchProcess<string[]>(
      appBenchProcess('reset-issuance', 'seed-redeemable-links.process.js'),
      [environment['DATABASE_URL'] ?? '', String(firstUses)],
      { timeoutMs: 10 * 60_000 },
    );
    // As on a database that has been up for a while: statistics current, nothing left to vacuum.
    await db.query('VACUUM ANALYZE');
    const spent = tokens.slice(0, spentInWarmUp);
    const live = cursor(tokens.slice(spentInWarmUp));
    const replays = cursor(spent);

    // Client addresses: the run's requests are numbered from 0, the warm-up's after them.
    process.stdout.write(`redemption: warming up for ${warmUp.firstUseSeconds + warmUp.mixedSeconds} s...\n`);
    const load = { ...target(url), agent, perSecond, kinds };
    const warmUpResults = [
      await runOpenLoopLoad({
        ...load,
        requests: spent.map((token, index) => request('first_use', token, total + mixedWarmUp + index)),
      }),
      await runOpenLoopLoad({ ...load, requests: mixedRequests(mixedWarmUp, total, live, replays) }),
    ];
    for (const warmUpResult of warmUpResults)
      process.stdout.write(`redemption: warm-up ${outcomesOf(warmUpResult)}\n`);

    const requests = mixedRequests(total, 0, live, replays);
    process.stdout.write(`redemption: ${total} requests at ${perSecond}/s (half first uses)...\n`);
    const backends = async () =>
      (
        await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')
      ).rows.map((row) => row.pid);
    const servicePids = service.child.pid ? [service.child.pid] : [];
    const backendsBefore = await backends();
    const before = readCpu([...servicePids, ...backendsBefore]);
    const loopBefore = service.child.pid ? readMainThreadSchedule(service.child.pid) : undefined;
    const started = performance.now();
    const result = await runOpenLoopLoad({ ...load, requests });
    const loop = eventLoopMetrics(loopBefore, service.child.pid, (performance.now() - started) / 1000);
    const databasePids = [...new Set([...backendsBefore, ...(await backends())])];
    const after = readCpu([...servicePids, ...databasePids]);

    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const all = sorted(kinds.flatMap((kind) => result.latencies[kind]));
    const failures = [...result.errors.values()].reduce((sum, count) => sum + count, 0);
    const [{ spent: spentInAll }] = (
      await db.query(`SELECT count(*)::int AS spent FROM reset_token WHERE status = 'redeemed'`)
    ).rows;
    // Where the tail comes from: a steady queue, or a few stalls.
    const slowest = result.slowestBySecond.map((value) => Math.round(value)).join(' ');
    process.stdout.write(`slowest answer of each second (ms): ${slowest}\n`);
    const lagging = result.sendLagBySecond.map((value) => Math.round(value)).join(' ');
    process.stdout.write(`latest send of each second (ms):    ${lagging}\n`);
    process.stdout.write(`${outcomesOf(result)}\n`);
    if (spentInAll !== firstUses) throw new Error(`${spentInAll} links were spent, expected ${firstUses}`);
    return [
      {
        metric: `redemption.p99_ms_at_${perSecond}`,
        value: percentile(all, 99),
        unit: 'ms',
        target: perSecond === 500 ? '<= 50' : 'reported',
      },
      {
        metric: `redemption.p50_ms_at_${perSecond}`,
        value: percentile(all, 50),
        unit: 'ms',
        target: 'reported',
      },
      ...kinds.map((kind) => ({
        metric: `redemption.${kind}.p99_ms_at_${perSecond}`,
        value: percentile(sorted(result.latencies[kind]), 99),
        unit: 'ms',
        target: 'reported',
      })),
      {
        metric: 'redemption.achieved_per_s',
        value: Math.round(result.achievedPerSecond),
        unit: 'req/s',
        target: `>= ${perSecond * 0.98}`,
      },
      { metric: 'redemption.transport_errors', value: failures, unit: 'requests', target: '<= 0' },
      // Large, and the figures above measure this machine's sender rather than the service.
      {
        metric: 'redemption.send_lag_p99_ms',
        value: percentile(sorted(result.sendLags), 99),
        unit: 'ms',
        target: 'reported',
      },
      ...cpuMetrics(before, after, { service: servicePids, database: databasePids }, total),
      ...loop,
    ];
  } finally {
    agent.destroy();
    await db.end();
    await stopServiceProcess(service);
    await platform.dispose();
  }
}

/** What each request cost the service and the database in CPU, and how busy the machine was. */
function cpuMetrics(
  before: CpuReading,
  after: CpuReading,
  pids: { service: number[]; database: number[] },
  requests: number,
): Metric[] {
  if (!before.machine) return [];
  const perRequest = (seconds: number) => (seconds * 1000) / requests;
  return [
    {
      metric: 'redemption.service_cpu_ms_per_request',
      value: perRequest(cpuSecondsSince(before, after, pids.service)),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'redemption.database_cpu_ms_per_request',
      value: perRequest(cpuSecondsSince(before, after, pids.database)),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'redemption.machine_busy_pct',
      value: machineBusyPercent(before, after) ?? 0,
      unit: '%',
      target: 'reported',
    },
  ];
}

/**
 * How the service's event loop spent the run: on a core, or ready with requests to answer but
 * waiting for a core the database, the broker and the load generator were using. The loop's
 * queue, and with it the latency tail, grows with the sum of the two.
 */
function eventLoopMetrics(
  before: ThreadSchedule | undefined,
  pid: number | undefined,
  seconds: number,
): Metric[] {
  const after = pid ? readMainThreadSchedule(pid) : undefined;
  if (!before || !after) return [];
  return [
    {
      metric: 'redemption.service_loop_on_cpu_pct',
      value: (100 * (after.runningSeconds - before.runningSeconds)) / seconds,
      unit: '%',
      target: 'reported',
    },
    {
      metric: 'redemption.service_loop_waiting_for_cpu_pct',
      value: (100 * (after.waitingSeconds - before.waitingSeconds)) / seconds,
      unit: '%',
      target: 'reported',
    },
  ];
}

function target(url: string) {
  return {
    url,
    path: '/reset/redeem',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
  };
}

function outcomesOf(result: LoadResult<Kind>): string {
  const { statuses, errors } = result;
  return (
    `statuses ${JSON.stringify(Object.fromEntries(statuses))}` +
    (errors.size > 0 ? `, errors ${JSON.stringify(Object.fromEntries(errors))}` : '')
  );
}

/** The measured mix: half first uses, 30% unknown tokens and 20% replays of links already spent. */
function mixedRequests(
  count: number,
  firstIndex: number,
  live: () => string,
  replays: () => string,
): Array<LoadRequest<Kind>> {
  return Array.from({ length: count }, (_, n) => {
    const kind: Kind = n % 2 === 0 ? 'first_use' : n % 10 < 6 ? 'unknown' : 'replayed';
    const token =
      kind === 'first_use' ? live() : kind === 'replayed' ? replays() : randomBytes(32).toString('base64url');
    return request(kind, token, firstIndex + n);
  });
}

/** Hands out the tokens one by one, each once. */
function cursor(tokens: readonly string[]): () => string {
  let next = 0;
  return () => {
    const token = tokens[next++];
    if (token === undefined) throw new Error('the benchmark ran out of seeded links');
    return token;
  };
}

/** Each request from its own address in its own /24, as customers of a wave are. */
function request(kind: Kind, token: string, index: number): LoadRequest<Kind> {
  const address = `10.${index % 200}.${Math.floor(index / 200) % 256}.${1 + (index % 250)}`;
  return { kind, body: `token=${token}`, headers: { 'x-forwarded-for': address } };
}

/** Writes out what earlier work left dirty in the server's buffers. */
async function settleDatabaseServer(): Promise<void> {
  const admin = new Client({ connectionString: (await ensureLocalStack()).postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query('CHECKPOINT');
  } finally {
    await admin.end();
  }
}
