/**
 * One measured Rekey match: a scratch database seeded with a generated legacy and target
 * directory, then identity-matching's RunMatching end to end (pages read from PostgreSQL,
 * features, blocking, the EM-fitted Fellegi-Sunter model, choices, and every account_match row,
 * link, review case and outbox row written), scored against the generator's truth. Seeding and
 * the run each get their own process, so the run's peak memory is its own.
 */
import { appBenchProcess, runBenchProcess } from '@rekey/benchmarking';
import { createServiceDataSource } from '@rekey/persistence';
import type { LocalStack } from '@rekey/testing';
import { measureMatchQuality, readTruth, type MatchQuality } from './match-quality';
import type { GeneratorOptions } from './matching-options';
import type { MatchRunResult, SeedResult } from './matching-results';

const minutes = 60_000;

export interface RekeyMatch {
  seeded: SeedResult;
  run: MatchRunResult;
  quality: MatchQuality;
  /** Account events in the outbox after the run. */
  outbox: number;
  /** The generator's truth, when the directories were also written as files for another linker. */
  truth?: Map<string, string>;
}

/** Given a folder, the generated directories are also written there as CSV exports. */
export async function matchWithRekey(
  stack: LocalStack,
  generator: GeneratorOptions,
  filesFolder?: string,
): Promise<RekeyMatch> {
  // Two million generated records are held at once: more than Node's default heap may allow.
  const seeded = await runBenchProcess<SeedResult>(
    appBenchProcess('identity-matching', 'seed-directories.process.js'),
    ['bench_matching', JSON.stringify(generator), ...(filesFolder === undefined ? [] : [filesFolder])],
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
        execArgv: ['--max-old-space-size=1024', '--v8-pool-size=1'],
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
    const truth = filesFolder === undefined ? undefined : await readTruth(dataSource);
    return { seeded, run, quality, outbox, ...(truth && { truth }) };
  } finally {
    await dataSource.destroy();
    await stack.dropScratchDatabase(url);
  }
}

/** The run's counts, quality and phases, as progress lines. */
export function printSummary({ seeded, run, quality, outbox }: RekeyMatch): void {
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
