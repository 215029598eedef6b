/**
 * Matching benchmark: a legacy and a target directory of about a million accounts each, generated
 * with realistic noise and a known truth, linked end to end by identity-matching's RunMatching:
 * pages read from PostgreSQL, features, blocking, the EM-fitted Fellegi-Sunter model, choices, and
 * every account_match row, link, review case and outbox row written. Seeding and the run each get
 * their own process, so the run's peak memory is its own. REKEY_BENCH_MATCHING_PEOPLE makes it
 * smaller while developing.
 */
import { appBenchProcess, runBenchProcess } from '@rekey/benchmarking';
import { createServiceDataSource } from '@rekey/persistence';
import { ensureLocalStack } from '@rekey/testing';
import { reportBenchmark, type Metric } from '../results';
import { measureMatchQuality, type MatchQuality } from './match-quality';
import type { MatchRunResult, SeedResult } from './matching-results';

// About 90% of people have an account on each side, so this gives about a million of each.
const defaultPeople = 1_111_112;
const seed = 2026;
const minutes = 60_000;

function peopleToGenerate(): number {
  const value = process.env['REKEY_BENCH_MATCHING_PEOPLE'];
  if (value === undefined || value === '') return defaultPeople;
  const people = Number(value);
  if (!Number.isInteger(people) || people < 100) {
    throw new Error('REKEY_BENCH_MATCHING_PEOPLE must be a whole number of at least 100');
  }
  return people;
}

export async function runMatchingBenchmark(): Promise<void> {
  const people = peopleToGenerate();
  process.stdout.write('matching: starting the local stack...\n');
  const stack = await ensureLocalStack();
  // Two million generated records are held at once: more than Node's default heap may allow.
  const seeded = await runBenchProcess<SeedResult>(
    appBenchProcess('identity-matching', 'seed-directories.process.js'),
    ['bench_matching', String(people), String(seed)],
    { execArgv: ['--max-old-space-size=12288'], timeoutMs: 30 * minutes },
  );
  const { url } = seeded;
  const dataSource = await createServiceDataSource({
    url,
    applicationName: 'bench-matching',
    entities: [],
    migrations: [],
  }).initialize();
  try {
    // As identity-matching's replicas run: the heap cap of its deployment (deploy/k8s) and the
    // image's one V8 helper thread (deploy/Dockerfile).
    const run = await runBenchProcess<MatchRunResult>(
      appBenchProcess('identity-matching', 'match-run.process.js'),
      [url],
      {
        execArgv: ['--max-old-space-size=1536', '--v8-pool-size=1'],
        timeoutMs: 30 * minutes,
      },
    );
    const quality = await measureMatchQuality(dataSource);
    // Account events only: the run's own match-run-finished event is not one of them.
    const [{ outbox }] = await dataSource.query(
      `SELECT count(*)::int AS outbox FROM outbox_message WHERE event_type <> 'rekey.identity.match-run-finished.v1'`,
    );
    if (quality.legacyAccounts !== seeded.legacy || run.counts.legacy !== seeded.legacy) {
      throw new Error(
        `${seeded.legacy} legacy accounts seeded, ${run.counts.legacy} read, ${quality.legacyAccounts} stored`,
      );
    }
    if (outbox !== run.counts.eventsEmitted) {
      throw new Error(`${run.counts.eventsEmitted} events emitted, ${outbox} in the outbox`);
    }
    printSummary(seeded, run, quality, outbox);
    const { phases } = run;
    reportBenchmark('matching', [
      { metric: 'matching.legacy_records', value: seeded.legacy, unit: 'records', target: 'reported' },
      { metric: 'matching.target_records', value: seeded.target, unit: 'records', target: 'reported' },
      {
        metric: 'matching.seed_records_per_s',
        value: Math.round((seeded.legacy + seeded.target) / seeded.seedSeconds),
        unit: 'records/s',
        target: 'reported',
      },
      {
        metric: 'matching.records_per_s',
        value: Math.round(seeded.legacy / run.seconds),
        unit: 'records/s',
        target: '>= 20000',
      },
      {
        metric: 'matching.pair_completeness',
        value: round(run.completeness.overall, 5),
        unit: 'ratio',
        target: '>= 0.995',
      },
      ...run.completeness.rules.map((rule): Metric => ({
        metric: `matching.pair_completeness.${rule.name}`,
        value: round(rule.completeness, 5),
        unit: 'ratio',
        target: 'reported',
      })),
      {
        metric: 'matching.candidate_pairs_per_record',
        value: run.blocking.perRecord.mean,
        unit: 'pairs',
        target: 'reported',
      },
      { metric: 'matching.precision', value: quality.precision, unit: 'ratio', target: 'reported' },
      { metric: 'matching.recall', value: quality.recall, unit: 'ratio', target: 'reported' },
      { metric: 'matching.f1', value: quality.f1, unit: 'ratio', target: '>= 0.95' },
      {
        metric: 'matching.linked_precision',
        value: quality.linkedPrecision,
        unit: 'ratio',
        target: 'reported',
      },
      { metric: 'matching.review_share', value: quality.reviewShare, unit: 'ratio', target: 'reported' },
      {
        metric: 'matching.peak_rss_mb',
        value: Math.round(run.maxRssKb / 1024),
        unit: 'MB',
        target: '<= 2048',
      },
      { metric: 'matching.seconds', value: run.seconds, unit: 's', target: 'reported' },
      { metric: 'matching.read_pages_seconds', value: phases.readPages, unit: 's', target: 'reported' },
      {
        metric: 'matching.prepare_features_seconds',
        value: phases.prepareFeatures,
        unit: 's',
        target: 'reported',
      },
      { metric: 'matching.model_seconds', value: phases.model, unit: 's', target: 'reported' },
      { metric: 'matching.write_seconds', value: phases.write, unit: 's', target: 'reported' },
      ...cpuMetrics(run, seeded.legacy),
    ]);
  } finally {
    await dataSource.destroy();
    await stack.dropScratchDatabase(url);
  }
}

/**
 * What each legacy record cost in CPU, in the run and in the rest of the machine (the database,
 * almost all of it), and how busy the machine was: the figures that say whether a faster run
 * needs cheaper work or more cores.
 */
function cpuMetrics(run: MatchRunResult, records: number): Metric[] {
  const perRecord = (seconds: number) => Math.round((seconds * 1e6) / records);
  const metrics: Metric[] = [
    {
      metric: 'matching.run_cpu_us_per_record',
      value: perRecord(run.runCpuSeconds),
      unit: 'µs',
      target: 'reported',
    },
  ];
  if (run.machineCpuSeconds !== undefined && run.machineBusyPct !== undefined) {
    metrics.push(
      {
        metric: 'matching.other_cpu_us_per_record',
        value: perRecord(Math.max(0, run.machineCpuSeconds - run.runCpuSeconds)),
        unit: 'µs',
        target: 'reported',
      },
      { metric: 'matching.machine_busy_pct', value: run.machineBusyPct, unit: '%', target: 'reported' },
    );
  }
  if (run.mainThread) {
    metrics.push(
      {
        metric: 'matching.main_thread_cpu_us_per_record',
        value: perRecord(run.mainThread.cpuSeconds),
        unit: 'µs',
        target: 'reported',
      },
      {
        metric: 'matching.main_thread_waiting_us_per_record',
        value: perRecord(run.mainThread.waitingSeconds),
        unit: 'µs',
        target: 'reported',
      },
    );
  }
  if (run.phases.writeMachineBusyPct !== undefined) {
    metrics.push({
      metric: 'matching.write_machine_busy_pct',
      value: run.phases.writeMachineBusyPct,
      unit: '%',
      target: 'reported',
    });
  }
  return metrics;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function printSummary(seeded: SeedResult, run: MatchRunResult, quality: MatchQuality, outbox: number): void {
  const { counts, phases } = run;
  const lines = [
    `${seeded.legacy} legacy, ${seeded.target} target records, ${seeded.truthPairs} true pairs; ` +
      `generated in ${seeded.generateSeconds.toFixed(1)} s, seeded in ${seeded.seedSeconds.toFixed(1)} s ` +
      `(seeding process peak ${Math.round(seeded.maxRssKb / 1024)} MB)`,
    `${counts.candidatePairs} candidate pairs, per legacy record mean ${run.blocking.perRecord.mean}, ` +
      `p99 ${run.blocking.perRecord.p99}, max ${run.blocking.perRecord.max} ` +
      `(${run.blocking.recordsAtBudget} at the budget); EM ${run.emIterations} iterations`,
    `pair completeness ${run.completeness.overall.toFixed(5)} of ${run.completeness.truePairs} true pairs; by rule: ` +
      run.completeness.rules
        .map((rule) => {
          const pairs = run.blocking.rules.find((entry) => entry.name === rule.name)?.pairs ?? 0;
          return `${rule.name} ${rule.completeness.toFixed(4)} (${pairs} pairs)`;
        })
        .join(', '),
    `${counts.linked} linked, ${counts.review} to review, ${counts.new} new; ${outbox} outbox rows`,
    `${quality.predicted} predicted pairs, ${quality.correct} correct: precision ${quality.precision.toFixed(4)}, ` +
      `recall ${quality.recall.toFixed(4)}, F1 ${quality.f1.toFixed(4)}; ` +
      `${quality.linkedCorrect} of ${quality.linked} links correct (${quality.linkedPrecision.toFixed(5)})`,
    `phases (s): read pages ${phases.readPages.toFixed(1)}, prepare features ${phases.prepareFeatures.toFixed(1)}, ` +
      `model ${phases.model.toFixed(1)}, write ${phases.write.toFixed(1)} (inside it, summed: ` +
      `transactions ${phases.applyTransactions.toFixed(1)}, account states ${phases.readStates.toFixed(1)})`,
  ];
  process.stdout.write(lines.map((line) => `matching: ${line}\n`).join(''));
}
