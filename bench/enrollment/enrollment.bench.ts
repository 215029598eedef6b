/**
 * Enrollment benchmark: enrollment in its own process, as deployed, enrolling passkeys end to end
 * over HTTP: a grant signed the way reset-issuance signs it (this process serves its JWKS), its
 * exchange for a session, the passkey page, registration with a software authenticator and the
 * proving sign-in, each committing its state and events to PostgreSQL and the outbox relay
 * publishing them to Kafka. Beside it, on one core of this process: what node:crypto verifies of
 * P-256 signatures a second, and what one argon2id hash at OWASP's parameters costs.
 */
import { Agent } from 'node:http';
import path from 'node:path';
import { cpuSecondsSince, machineBusyPercent, progress, readCpu, type CpuReading } from '@rekey/benchmarking';
import { GrantIssuer } from '@rekey/enrollment-grant/testing';
import {
  isolatedPlatform,
  localStackStatus,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
} from '@rekey/testing';
import { Pool } from 'pg';
import { percentile, type Metric } from '../results';
import { argon2idMilliseconds, rawP256VerifyPerSecond } from './crypto-baselines';
import { runPasskeyLoad, type PasskeyLoadResult } from './passkey-load';
import { runSignInLoad } from './sign-in-load';

const enrolments = Number(process.env['REKEY_BENCH_ENROLLMENT_COUNT'] ?? 20_000);
const concurrency = Number(process.env['REKEY_BENCH_ENROLLMENT_CONCURRENCY'] ?? 32);
// Past V8's tier-up of the per-request code, as a replica that has served for a while.
const warmUpEnrolments = 2_000;
const port = 4713;

export async function measureEnrollment(): Promise<Metric[]> {
  // Compiled to dist/bench/enrollment: the workspace is three folders up.
  const root = path.resolve(__dirname, '../../..');
  // Its own database and topics: its enrolments are no one else's.
  const platform = await isolatedPlatform('bench_enrollment');
  const environment = await platform.serviceEnvironment('enrollment');
  const grants = await GrantIssuer.start();
  // A WebAuthn rpID is a host name: the pages' origin is localhost, the requests go to 127.0.0.1.
  const origin = `http://localhost:${port}`;
  const url = `http://127.0.0.1:${port}`;
  const service = startServiceProcess('enrollment', {
    root,
    logDir: path.join(root, 'tmp/bench-logs'),
    port,
    environment: {
      ...environment,
      ENROLLMENT_BASE_URL: origin,
      RESET_ISSUANCE_URL: grants.url,
      WEBAUTHN_RP_ID: 'localhost',
      WEBAUTHN_ORIGINS: origin,
      // The sign-in load gives each customer its own address, as a proxy in front would forward it.
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      // e.g. --cpu-prof --cpu-prof-dir=/tmp/profiles, to see where the service spends its time.
      NODE_OPTIONS: process.env['REKEY_BENCH_SERVICE_NODE_OPTIONS'] ?? '',
    },
  });
  const db = new Pool({ connectionString: environment['DATABASE_URL'], max: 2 });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const load = { enrollment: { url, origin }, grants, agent, concurrency };
  try {
    await waitUntilReady(service, 90_000);
    progress('enrollment', `warming up: ${warmUpEnrolments} passkey enrolments...`);
    const warmUp = await runPasskeyLoad({ ...load, enrolments: warmUpEnrolments });
    progress(
      'enrollment',
      `warm-up: ${(warmUp.enrolled / warmUp.seconds).toFixed(0)}/s${failuresOf(warmUp)}`,
    );

    progress('enrollment', `${enrolments} passkey enrolments, ${concurrency} customers at a time...`);
    const backends = async () =>
      (
        await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')
      ).rows.map((row) => row.pid);
    const brokerPid = (await localStackStatus()).kafka.pid;
    const pids = {
      service: service.child.pid ? [service.child.pid] : [],
      load: [process.pid],
      broker: brokerPid ? [brokerPid] : [],
    };
    const backendsBefore = await backends();
    const before = readCpu([...pids.service, ...pids.load, ...pids.broker, ...backendsBefore]);
    const result = await runPasskeyLoad({ ...load, enrolments });
    const database = [...new Set([...backendsBefore, ...(await backends())])];
    const after = readCpu([...pids.service, ...pids.load, ...pids.broker, ...database]);

    const [{ enrolled }] = (
      await db.query(`SELECT count(*)::int AS enrolled FROM enrolment WHERE status = 'enrolled'`)
    ).rows;
    const expected = warmUp.enrolled + result.enrolled;
    if (enrolled !== expected)
      throw new Error(`${enrolled} enrolments are stored as enrolled, expected ${expected}`);
    printWhereTheTimeGoes(result);

    progress('enrollment', 'P-256 verifications on one core, then argon2id...');
    const rawVerifyPerSecond = rawP256VerifyPerSecond();
    const argon2idMs = argon2idMilliseconds();
    const passkeyPerSecond = result.enrolled / result.seconds;
    const perEnrolment = (seconds: number) => (seconds * 1000) / Math.max(1, result.enrolled);
    const cpu = (group: number[]) => perEnrolment(cpuSecondsSince(before, after, group));
    return [
      {
        metric: 'enrollment.passkey_per_s',
        value: passkeyPerSecond,
        unit: 'enrolments/s',
        target: '>= 1000',
      },
      {
        metric: 'enrollment.passkey_enrolments',
        value: result.enrolled,
        unit: 'enrolments',
        target: '>= 20000',
      },
      { metric: 'enrollment.failures', value: sum(result.failures), unit: 'enrolments', target: '<= 0' },
      {
        metric: 'enrollment.passkey_p99_ms',
        value: percentile(sorted(result.enrolmentMs), 99),
        unit: 'ms',
        target: 'reported',
      },
      {
        metric: 'enrollment.raw_verify_per_s',
        value: rawVerifyPerSecond,
        unit: 'verifications/s',
        target: 'reported',
      },
      {
        metric: 'enrollment.passkey_share_of_raw_verify',
        value: passkeyPerSecond / rawVerifyPerSecond,
        unit: 'ratio',
        target: 'reported',
      },
      { metric: 'enrollment.argon2id_ms', value: argon2idMs, unit: 'ms', target: 'reported' },
      ...cpuMetrics(before, after, {
        service: cpu(pids.service),
        database: cpu(database),
        load: cpu(pids.load),
        broker: pids.broker.length > 0 ? cpu(pids.broker) : undefined,
      }),
      ...(await measureSignIn(load, { service: pids.service, backends })),
    ];
  } finally {
    agent.destroy();
    await db.end();
    await stopServiceProcess(service);
    await grants.stop();
    await platform.dispose();
  }
}

const signInPerSecond = 200;
const signInSeconds = Number(process.env['REKEY_BENCH_SIGNIN_SECONDS'] ?? 10);

/**
 * Passkey sign-in p99 at a steady 200 sign-ins/s for about 10 s, open loop, as the redemption
 * benchmark measures its p99: the whole sign-in (page, options, assertion) from when it was due,
 * which is the figure, and the assertion's own request beside it.
 */
async function measureSignIn(
  load: {
    enrollment: { url: string; origin: string };
    grants: GrantIssuer;
    agent: Agent;
  },
  processes: { service: number[]; backends: () => Promise<number[]> },
): Promise<Metric[]> {
  progress('enrollment', `passkey sign-ins at ${signInPerSecond}/s for ${signInSeconds} s...`);
  let cpu: { before: CpuReading; backends: number[] } | undefined;
  const result = await runSignInLoad({
    ...load,
    customers: signInPerSecond,
    perSecond: signInPerSecond,
    seconds: signInSeconds,
    // Only the sign-ins' own CPU: read once the customers' passkeys are enrolled.
    onSignInsStart: async () => {
      const backends = await processes.backends();
      cpu = { before: readCpu([...processes.service, ...backends]), backends };
    },
  });
  const database = [...new Set([...(cpu?.backends ?? []), ...(await processes.backends())])];
  const after = readCpu([...processes.service, ...database]);
  const perSignIn = (group: number[]) =>
    cpu ? (cpuSecondsSince(cpu.before, after, group) * 1000) / Math.max(1, result.signedIn) : 0;
  const failures = [...result.failures.values()].reduce((total, count) => total + count, 0);
  progress(
    'enrollment',
    `sign-in: ${result.signedIn} signed in at ${result.achievedPerSecond.toFixed(0)}/s` +
      (failures > 0 ? `, failures ${JSON.stringify(Object.fromEntries(result.failures))}` : ''),
  );
  return [
    {
      metric: 'enrollment.signin_p99_ms_at_200',
      value: percentile(sorted(result.signInMs), 99),
      unit: 'ms',
      target: '<= 50',
    },
    {
      metric: 'enrollment.signin_assertion_p99_ms_at_200',
      value: percentile(sorted(result.assertionMs), 99),
      unit: 'ms',
      target: 'reported',
    },
    { metric: 'enrollment.signin_failures', value: failures, unit: 'sign-ins', target: '<= 0' },
    // Where the time goes: at 200 sign-ins/s, the sum of these times 200 is the CPU the sign-ins
    // need each second, against the machine's two cores (shared with the load and the broker).
    {
      metric: 'enrollment.signin_service_cpu_ms',
      value: perSignIn(processes.service),
      unit: 'ms/sign-in',
      target: 'reported',
    },
    {
      metric: 'enrollment.signin_database_cpu_ms',
      value: perSignIn(database),
      unit: 'ms/sign-in',
      target: 'reported',
    },
  ];
}

/** CPU milliseconds per enrolment in each process group, and how busy the machine was. */
function cpuMetrics(
  before: CpuReading,
  after: CpuReading,
  perEnrolment: { service: number; database: number; load: number; broker: number | undefined },
): Metric[] {
  if (!before.machine) return [];
  const metric = (name: string, value: number): Metric => ({
    metric: `enrollment.${name}_cpu_ms_per_enrolment`,
    value,
    unit: 'ms',
    target: 'reported',
  });
  return [
    metric('service', perEnrolment.service),
    metric('database', perEnrolment.database),
    // The customers' side, in this process: grants, the authenticator's keys and signatures, HTTP.
    metric('load_generator', perEnrolment.load),
    // The shared local broker: other work on the stack counts here too.
    ...(perEnrolment.broker === undefined ? [] : [metric('broker', perEnrolment.broker)]),
    {
      metric: 'enrollment.machine_busy_pct',
      value: machineBusyPercent(before, after) ?? 0,
      unit: '%',
      target: 'reported',
    },
  ];
}

/** Each request's median and p99, and the customers' own cryptography, on stderr. */
function printWhereTheTimeGoes(result: PasskeyLoadResult): void {
  progress(
    'enrollment',
    `${result.enrolled} enrolled in ${result.seconds.toFixed(1)} s${failuresOf(result)}`,
  );
  progress('enrollment', 'latency by request (ms, with the queue of the other customers at once):');
  for (const [route, values] of result.requestMs) {
    const ordered = sorted(values);
    progress(
      'enrollment',
      `  ${route.padEnd(36)} p50 ${percentile(ordered, 50).toFixed(1).padStart(7)}  p99 ${percentile(ordered, 99).toFixed(1).padStart(7)}`,
    );
  }
  const per = (ms: number) => (ms / Math.max(1, result.enrolled)).toFixed(3);
  progress(
    'enrollment',
    `customers' side: ${per(result.clientCryptoMs.grants)} ms signing each grant, ` +
      `${per(result.clientCryptoMs.authenticator)} ms in the authenticator per enrolment`,
  );
}

function failuresOf(result: PasskeyLoadResult): string {
  return result.failures.size > 0 ? `, failures ${JSON.stringify(Object.fromEntries(result.failures))}` : '';
}

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((total, count) => total + count, 0);
}
