/**
 * Matching benchmark: a legacy and a target directory of about a million accounts each, generated
 * with realistic noise and a known truth, linked end to end by identity-matching's RunMatching
 * (rekey-match.ts); then, on directories of 200,000 people written as export files, the same run
 * side by side with Splink (side-by-side.ts). matching-options.ts lists the options that run
 * either phase alone or at other sizes.
 */
import { ensureLocalStack, type LocalStack } from '@rekey/testing';
import { reportBenchmark, reportedUnder, type Metric } from '../results';
import { parseMatchingOptions, type GeneratorOptions } from './matching-options';
import type { MatchRunResult } from './matching-results';
import { matchWithRekey, printSummary } from './rekey-match';
import { compareWithSplink } from './side-by-side';

export async function runMatchingBenchmark(args: readonly string[]): Promise<void> {
  const options = parseMatchingOptions(args, process.env);
  process.stdout.write('matching: starting the local stack...\n');
  const stack = await ensureLocalStack();
  const metrics: Metric[] = [];
  if (options.fullSize) metrics.push(...(await measureFullSize(stack, options.fullSize)));
  if (options.sideBySide) metrics.push(...(await compareWithSplink(stack, options.sideBySide)));
  // The side-by-side alone must not replace the full-size figures of an earlier run.
  reportBenchmark(options.fullSize ? 'matching' : 'matching-vs-splink', metrics);
}

async function measureFullSize(stack: LocalStack, generator: GeneratorOptions): Promise<Metric[]> {
  const { seeded, run, quality, outbox } = await matchWithRekey(stack, generator);
  printSummary({ seeded, run, quality, outbox });
  const { phases } = run;
  const reported = reportedUnder('matching');
  return [
    reported('legacy_records', seeded.legacy, 'records'),
    reported('target_records', seeded.target, 'records'),
    reported(
      'seed_records_per_s',
      Math.round((seeded.legacy + seeded.target) / seeded.seedSeconds),
      'records/s',
    ),
    // The throughput goal is relative to Splink, on the same files (matching.vs_splink.*).
    reported('records_per_s', Math.round(seeded.legacy / run.seconds), 'records/s'),
    ...blockingMetrics(run),
    reported('precision', quality.precision, 'ratio'),
    reported('recall', quality.recall, 'ratio'),
    { metric: 'matching.f1', value: quality.f1, unit: 'ratio', target: '>= 0.95' },
    reported('linked_precision', quality.linkedPrecision, 'ratio'),
    reported('linked_recall', quality.linkedRecall, 'ratio'),
    reported('linked_f1', quality.linkedF1, 'ratio'),
    reported('review_share', quality.reviewShare, 'ratio'),
    {
      metric: 'matching.peak_rss_mb',
      value: Math.round(run.maxRssKb / 1024),
      unit: 'MB',
      target: '<= 2048',
    },
    reported('seconds', run.seconds, 's'),
    reported('read_pages_seconds', phases.readPages, 's'),
    reported('prepare_features_seconds', phases.prepareFeatures, 's'),
    reported('model_seconds', phases.model, 's'),
    reported('write_seconds', phases.write, 's'),
    ...cpuMetrics(run, seeded.legacy),
  ];
}

/** Blocking's recall against the truth, overall and per rule, and the pairs it proposed. */
export function blockingMetrics(run: MatchRunResult, prefix = 'matching'): Metric[] {
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return [
    {
      metric: `${prefix}.pair_completeness`,
      value: round(run.completeness.overall),
      unit: 'ratio',
      target: '>= 0.995',
    },
    ...run.completeness.rules.map((rule): Metric => ({
      metric: `${prefix}.pair_completeness.${rule.name}`,
      value: round(rule.completeness),
      unit: 'ratio',
      target: 'reported',
    })),
    {
      metric: `${prefix}.candidate_pairs_per_record`,
      value: run.blocking.perRecord.mean,
      unit: 'pairs',
      target: 'reported',
    },
  ];
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
