/**
 * Redemption benchmark: reset-issuance in its own process, as deployed, answering an open-loop
 * mix of link redemptions at 500 requests/s: first use of live links (each spends a token, signs
 * an enrollment grant and commits its events to the outbox), unknown tokens, and replays of
 * links already spent. Every request comes from its own client address behind one trusted proxy,
 * so the per-address, per-subnet, per-account and global limits are all counted, in PostgreSQL,
 * on every request, at their default values except the global one (sized to the wave).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isolatedPlatform, startServiceProcess, stopServiceProcess, waitUntilReady } from '@rekey/testing';
import { Pool } from 'pg';
import { cpuSecondsSince, machineBusyPercent, readCpu, type CpuReading } from '../cpu-accounting';
import { percentile, type Metric } from '../results';
import { runOpenLoopLoad, type LoadRequest } from './open-loop-load';
import { seedRedeemableLinks } from './seed-redeemable-links';

// The target rate; REKEY_BENCH_REDEMPTION_RATE measures another one (e.g. to find the knee).
const perSecond = Number(process.env['REKEY_BENCH_REDEMPTION_RATE'] ?? 500);
const seconds = 20;
// Five seconds at the target rate: JIT tiers, connection pools and statement caches settle.
const warmUpSeconds = 5;
const port = 4712;
const kinds = ['first_use', 'unknown', 'replayed'] as const;
type Kind = (typeof kinds)[number];

export async function measureRedemption(): Promise<Metric[]> {
  // Compiled to dist/bench/redemption: the workspace is three folders up.
  const root = path.resolve(__dirname, '../../..');
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
  try {
    await waitUntilReady(service, 90_000);
    const total = perSecond * seconds;
    const firstUses = total / 2;
    const warmUpRequests = perSecond * warmUpSeconds;
    process.stdout.write(`redemption: seeding ${firstUses + warmUpRequests} live links...\n`);
    const tokens = await seedRedeemableLinks(db, firstUses + warmUpRequests);
    // As on a database that has been up for a while: statistics current, nothing left to vacuum.
    await db.query('VACUUM ANALYZE');
    const warmUp = tokens.slice(0, warmUpRequests);
    const live = tokens.slice(warmUpRequests);

    // The warm-up spends links that the measured run then replays, and warms the JIT and pools.
    process.stdout.write('redemption: warming up...\n');
    await runOpenLoopLoad({
      ...target(url),
      perSecond,
      kinds,
      requests: warmUp.map((token, index) => request('first_use', token, total + index)),
    });

    const requests: Array<LoadRequest<Kind>> = [];
    let replayed = 0;
    for (let index = 0; index < total; index++) {
      const kind: Kind = index % 2 === 0 ? 'first_use' : index % 10 < 6 ? 'unknown' : 'replayed';
      const token =
        kind === 'first_use'
          ? (live[index / 2] as string)
          : kind === 'replayed'
            ? (warmUp[replayed++ % warmUp.length] as string)
            : randomBytes(32).toString('base64url');
      requests.push(request(kind, token, index));
    }
    process.stdout.write(`redemption: ${total} requests at ${perSecond}/s (half first uses)...\n`);
    const backends = async () =>
      (
        await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')
      ).rows.map((row) => row.pid);
    const servicePids = service.child.pid ? [service.child.pid] : [];
    const backendsBefore = await backends();
    const before = readCpu([...servicePids, ...backendsBefore]);
    const result = await runOpenLoopLoad({ ...target(url), perSecond, kinds, requests });
    const databasePids = [...new Set([...backendsBefore, ...(await backends())])];
    const after = readCpu([...servicePids, ...databasePids]);

    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const all = sorted(kinds.flatMap((kind) => result.latencies[kind]));
    const failures = [...result.errors.values()].reduce((sum, count) => sum + count, 0);
    const [{ spent }] = (
      await db.query(`SELECT count(*)::int AS spent FROM reset_token WHERE status = 'redeemed'`)
    ).rows;
    // Where the tail comes from: a steady queue, or a few stalls.
    const slowest = result.slowestBySecond.map((value) => Math.round(value)).join(' ');
    process.stdout.write(`slowest answer of each second (ms): ${slowest}\n`);
    const lagging = result.sendLagBySecond.map((value) => Math.round(value)).join(' ');
    process.stdout.write(`latest send of each second (ms):    ${lagging}\n`);
    process.stdout.write(
      `statuses ${JSON.stringify(Object.fromEntries(result.statuses))}` +
        (failures > 0 ? `, errors ${JSON.stringify(Object.fromEntries(result.errors))}` : '') +
        '\n',
    );
    if (spent !== firstUses + warmUpRequests)
      throw new Error(`${spent} links were spent, expected ${firstUses + warmUpRequests}`);
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
    ];
  } finally {
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

function target(url: string) {
  return {
    url,
    path: '/reset/redeem',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    connections: 64,
  };
}

/** Each request from its own address in its own /24, as customers of a wave are. */
function request(kind: Kind, token: string, index: number): LoadRequest<Kind> {
  const address = `10.${index % 200}.${Math.floor(index / 200) % 256}.${1 + (index % 250)}`;
  return { kind, body: `token=${token}`, headers: { 'x-forwarded-for': address } };
}
