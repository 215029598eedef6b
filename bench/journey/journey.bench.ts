/**
 * Journey benchmark: how long after a customer spends their link the legacy system has revoked
 * their sessions, at 100 journeys/s, through reset-issuance, enrollment, session-revocation (and
 * the legacy-CIAM simulator) and audit recording all of it: redemption over HTTP, the grant
 * exchanged, a passkey enrolled and proven, completed.v1 over Kafka, the legacy revocation and
 * login retirement, the account-migrated event read by a downstream consumer. Measured from the
 * instant each customer was due (open loop) to the revocation time the event states.
 */
import { Agent } from 'node:http';
import {
  appBenchProcess,
  cpuSecondsSince,
  machineBusyPercent,
  progress,
  readCpu,
  runBenchProcess,
} from '@rekey/benchmarking';
import { ensureLocalStack, localStackStatus } from '@rekey/testing';
import { percentile, type Metric } from '../results';
import { seedJourneys, startJourneyPlatform, type JourneyPlatform } from './journey-platform';
import { runJourneyLoad, type JourneyLoadResult } from './journey-load';
import { MigrationObserver } from './migration-observer';
import { runBatchChecks, runSingleChecks } from './revocation-checks-load';
import { mintOperatorToken } from '@rekey/operator-auth';

const perSecond = Number(process.env['REKEY_BENCH_JOURNEY_RATE'] ?? 100);
const seconds = Number(process.env['REKEY_BENCH_JOURNEY_SECONDS'] ?? 20);
// Past V8's tier-up of the per-request code in every service, at a gentler rate.
const warmUp = { perSecond: 25, customers: 500 };

export async function measureJourney(): Promise<Metric[]> {
  const stack = await ensureLocalStack();
  progress(
    'journey',
    'starting reset-issuance, enrollment, session-revocation, audit and the legacy simulator...',
  );
  const journey = await startJourneyPlatform(stack.kafkaBrokers);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const observer = new MigrationObserver(
    stack.kafkaBrokers,
    `${journey.platform.topicPrefix}rekey.migration`,
  );
  try {
    const measured = perSecond * seconds;
    const tokens = await seedJourneys(journey, warmUp.customers + measured);
    const customers = tokens.map((token, index) => ({ legacyAccountId: `bench-${index}`, token }));
    await observer.start();
    const load = { issuanceUrl: journey.issuanceUrl, enrollment: journey.enrollment, agent };

    progress('journey', `warming up: ${warmUp.customers} journeys at ${warmUp.perSecond}/s...`);
    const warm = customers.slice(0, warmUp.customers);
    const warmResult = await runJourneyLoad({
      ...load,
      perSecond: warmUp.perSecond,
      customers: warm,
      addressOffset: 0,
    });
    await observer.waitFor(warmResult.dueAt.keys(), 120_000);
    progress('journey', `warm-up: ${describe(warmResult)}`);

    progress('journey', `${measured} journeys at ${perSecond}/s...`);
    const pids = await processIds(journey);
    const before = readCpu(pids.all);
    const result = await runJourneyLoad({
      ...load,
      perSecond,
      customers: customers.slice(warmUp.customers),
      addressOffset: warmUp.customers,
    });
    const migrated = await observer.waitFor(result.dueAt.keys(), 180_000);
    const after = readCpu(pids.all);
    progress('journey', `run: ${describe(result)}; ${migrated} revoked at the legacy system`);
    return [
      ...journeyMetrics(observer, result, migrated, { before, after, pids }),
      ...(await measureChecks(
        journey,
        agent,
        customers.map((customer) => customer.legacyAccountId),
      )),
    ];
  } finally {
    agent.destroy();
    await observer.stop();
    await journey.stop();
  }
}

/**
 * Audit's own figures, each in a process of its own once the journey's services are stopped, so
 * nothing else competes for the two cores: appends through the real recording path (Kafka, inbox,
 * chain lock, hashing, one insert per batch), and one walk of a 1,000,000-record chain.
 */
export async function measureAudit(): Promise<Metric[]> {
  progress('audit', 'appending events through the recording path...');
  const appends = await runBenchProcess<Metric[]>(appBenchProcess('audit', 'audit-appends.process.js'), [], {
    timeoutMs: 20 * 60_000,
  });
  progress('audit', 'appending and verifying 1,000,000 records...');
  const verify = await runBenchProcess<Metric[]>(appBenchProcess('audit', 'audit-verify.process.js'), [], {
    execArgv: ['--max-old-space-size=4096'],
    timeoutMs: 30 * 60_000,
  });
  return [...appends, ...verify];
}

const checkSeconds = 10;
const checkBatch = 100;

/**
 * The revocation check API as downstream applications call it, against the accounts just migrated
 * (and some never seen): batches of 100 ids, then single checks, each closed loop for 10 s.
 */
async function measureChecks(journey: JourneyPlatform, agent: Agent, accounts: string[]): Promise<Metric[]> {
  const token = await mintOperatorToken({
    subject: 'bench-downstream-app',
    scopes: ['revocations:check'],
    ttlSeconds: 600,
  });
  const asked = [...accounts, ...accounts.map((account) => `${account}-unknown`)];
  const url = journey.services['session-revocation'].url;
  const load = { url, token, agent, accounts: asked, seconds: checkSeconds };
  progress('journey', `revocation checks: batches of ${checkBatch} for ${checkSeconds} s...`);
  const batched = await runBatchChecks({ ...load, concurrency: 8, batchSize: checkBatch });
  progress('journey', `revocation checks: one by one for ${checkSeconds} s...`);
  const single = await runSingleChecks({ ...load, concurrency: 32 });
  const p99 = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      99,
    );
  return [
    {
      metric: 'revocation.checks_per_s',
      value: batched.checksPerSecond,
      unit: 'checks/s',
      target: '>= 5000',
    },
    { metric: 'revocation.batch_call_p99_ms', value: p99(batched.callMs), unit: 'ms', target: 'reported' },
    {
      metric: 'revocation.single_checks_per_s',
      value: single.checksPerSecond,
      unit: 'checks/s',
      target: 'reported',
    },
    { metric: 'revocation.single_check_p99_ms', value: p99(single.callMs), unit: 'ms', target: 'reported' },
    {
      metric: 'revocation.check_errors',
      value: batched.errors + single.errors,
      unit: 'calls',
      target: '<= 0',
    },
  ];
}

async function processIds(journey: JourneyPlatform) {
  const services = Object.fromEntries(
    Object.entries(journey.services).map(([name, service]) => [
      name,
      service.child.pid ? [service.child.pid] : [],
    ]),
  );
  const broker = (await localStackStatus()).kafka.pid;
  const backends: number[] = [];
  for (const pool of Object.values(journey.databases)) {
    const { rows } = await pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    backends.push(...rows.map((row) => row.pid));
  }
  const legacy = journey.legacy.child.pid ? [journey.legacy.child.pid] : [];
  const all = [
    ...Object.values(services).flat(),
    ...backends,
    ...legacy,
    ...(broker ? [broker] : []),
    process.pid,
  ];
  return { services, backends, legacy, broker: broker ? [broker] : [], load: [process.pid], all };
}

function journeyMetrics(
  observer: MigrationObserver,
  result: JourneyLoadResult,
  migrated: number,
  cpu: {
    before: ReturnType<typeof readCpu>;
    after: ReturnType<typeof readCpu>;
    pids: Awaited<ReturnType<typeof processIds>>;
  },
): Metric[] {
  const toRevoked: number[] = [];
  const enrolledToRevoked: number[] = [];
  for (const [account, dueAt] of result.dueAt) {
    const times = observer.migrated.get(account);
    if (!times) continue;
    toRevoked.push(times.legacySessionsRevokedAt - dueAt);
    enrolledToRevoked.push(times.legacySessionsRevokedAt - times.enrolledAt);
  }
  toRevoked.sort((a, b) => a - b);
  enrolledToRevoked.sort((a, b) => a - b);
  const enrolment = [...result.enrolmentMs].sort((a, b) => a - b);
  const journeys = Math.max(1, migrated);
  const perJourney = (pids: number[]) => (cpuSecondsSince(cpu.before, cpu.after, pids) * 1000) / journeys;
  const serviceCpu = Object.entries(cpu.pids.services).map(([name, pids]) => ({
    metric: `journey.cpu_ms_per_journey.${name}`,
    value: perJourney(pids),
    unit: 'ms',
    target: 'reported',
  }));
  return [
    { metric: 'journey.p50_ms_at_100', value: percentile(toRevoked, 50), unit: 'ms', target: 'reported' },
    { metric: 'journey.p99_ms_at_100', value: percentile(toRevoked, 99), unit: 'ms', target: '<= 500' },
    {
      metric: 'journey.rate_achieved',
      value: result.achievedPerSecond,
      unit: 'journeys/s',
      target: `>= ${perSecond * 0.95}`,
    },
    { metric: 'journey.revoked', value: migrated, unit: 'journeys', target: `>= ${result.dueAt.size}` },
    { metric: 'journey.failures', value: sum(result.failures), unit: 'journeys', target: '<= 0' },
    {
      metric: 'journey.customer_part_p99_ms',
      value: percentile(enrolment, 99),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'journey.enrolled_to_revoked_p50_ms',
      value: percentile(enrolledToRevoked, 50),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'journey.enrolled_to_revoked_p99_ms',
      value: percentile(enrolledToRevoked, 99),
      unit: 'ms',
      target: 'reported',
    },
    ...serviceCpu,
    {
      metric: 'journey.cpu_ms_per_journey.database',
      value: perJourney(cpu.pids.backends),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'journey.cpu_ms_per_journey.broker',
      value: perJourney(cpu.pids.broker),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'journey.cpu_ms_per_journey.legacy_simulator',
      value: perJourney(cpu.pids.legacy),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'journey.cpu_ms_per_journey.load',
      value: perJourney(cpu.pids.load),
      unit: 'ms',
      target: 'reported',
    },
    {
      metric: 'journey.machine_busy',
      value: machineBusyPercent(cpu.before, cpu.after) ?? Number.NaN,
      unit: '%',
      target: 'reported',
    },
  ];
}

function describe(result: JourneyLoadResult): string {
  const failures = sum(result.failures);
  return (
    `${result.enrolmentMs.length} enrolled at ${result.achievedPerSecond.toFixed(0)}/s offered` +
    (failures > 0 ? `, failures ${JSON.stringify(Object.fromEntries(result.failures))}` : '') +
    `, sender lag at worst ${result.worstSendLagMs.toFixed(0)} ms`
  );
}

function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((total, count) => total + count, 0);
}
