/**
 * The measured part of the matching benchmark, in its own process so that its peak memory is the
 * run's alone, as it would be in identity-matching's replica:
 *   node match-run.process.js <database url>
 * Runs RunMatching with the service's adapters and its default configuration to completion.
 * Prints { seconds, phases, counts, maxRssKb }.
 */
import { timeOrderedClock } from '@rekey/background';
import {
  machineBusyPercent,
  machineCpuSecondsSince,
  progress as progressOf,
  readCpu,
  readMainThreadSchedule,
  runAsBenchProcess,
  secondsSince,
} from '@rekey/benchmarking';
import { createServiceDataSource } from '@rekey/persistence';
import { z } from 'zod';
import { PgDirectoryRecords } from '../../directory/adapters/pg-directory-records';
import { PgAccountMatchStore } from '../../linking/adapters/pg-account-match-store.adapter';
import { PgMatchRunStore } from '../../linking/adapters/pg-match-run-store.adapter';
import type { MatchRunCounts } from '../../linking/domain/match-run';
import { matchConfigOf, matchingEnvironmentShape } from '../../linking/matching-environment';
import { RunMatching } from '../../linking/run-matching';
import type { BlockingSummary, PairCompleteness } from '../../matching';
import { measurePairCompleteness } from './pair-completeness';
import { PhaseClock, type PhaseSeconds } from './timed-ports';

const progress = (line: string) => progressOf('matching', line);

export interface MatchRunResult {
  /** From execute() to the run's completion: reads, model, choices and every write. */
  seconds: number;
  phases: PhaseSeconds;
  counts: MatchRunCounts;
  emIterations: number;
  /** Peak resident set of this process, kB. */
  maxRssKb: number;
  /** CPU seconds this process spent on the run, on all its threads (JIT and GC included). */
  runCpuSeconds: number;
  /** CPU seconds the whole machine spent during the run: the run, the database and the rest. */
  machineCpuSeconds: number | undefined;
  machineBusyPct: number | undefined;
  /**
   * Of runCpuSeconds, what the main thread spent, and how long it was ready but waited for a core:
   * the run's critical path, which more cores shorten only for work other threads can take.
   */
  mainThread: { cpuSeconds: number; waitingSeconds: number } | undefined;
  /** What blocking proposed, as the run stored it. */
  blocking: BlockingSummary;
  /** Share of bench_truth's pairs blocking compared, overall and per rule (measured after the run). */
  completeness: PairCompleteness;
}

async function main(): Promise<MatchRunResult> {
  const [url] = process.argv.slice(2) as [string];
  // What the service runs with when no MATCH_* variable is set.
  const config = matchConfigOf(z.object(matchingEnvironmentShape).parse({}));
  const dataSource = await createServiceDataSource({
    url,
    applicationName: 'bench-matching-run',
    entities: [],
    migrations: [],
  }).initialize();
  try {
    const phases = new PhaseClock();
    const runMatching = new RunMatching(
      phases.directories(new PgDirectoryRecords(dataSource)),
      new PgMatchRunStore(dataSource),
      phases.accounts(new PgAccountMatchStore(dataSource)),
      config,
      timeOrderedClock,
    );
    progress('running the match...');
    const started = performance.now();
    const cpuBefore = readCpu([]);
    const ownCpuBefore = process.cpuUsage();
    const mainBefore = readMainThreadSchedule(process.pid);
    const { completion } = await runMatching.execute({ requestedBy: 'bench-matching' });
    const run = await completion;
    const seconds = secondsSince(started);
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const mainAfter = readMainThreadSchedule(process.pid);
    const cpuAfter = readCpu([]);
    if (run.status !== 'completed' || !run.counts || !run.model) {
      throw new Error(`the match run did not complete: ${run.failure ?? run.status}`);
    }
    const maxRssKb = process.resourceUsage().maxRSS;
    progress('measuring pair completeness against the truth...');
    const completeness = await measurePairCompleteness(dataSource, config);
    const result: MatchRunResult = {
      seconds,
      phases: phases.finish(),
      counts: run.counts,
      emIterations: run.model.iterations,
      maxRssKb,
      blocking: run.model.blocking,
      completeness,
      runCpuSeconds: (ownCpu.user + ownCpu.system) / 1e6,
      machineCpuSeconds: machineCpuSecondsSince(cpuBefore, cpuAfter),
      machineBusyPct: machineBusyPercent(cpuBefore, cpuAfter),
      mainThread:
        mainBefore && mainAfter
          ? {
              cpuSeconds: mainAfter.runningSeconds - mainBefore.runningSeconds,
              waitingSeconds: mainAfter.waitingSeconds - mainBefore.waitingSeconds,
            }
          : undefined,
    };
    return result;
  } finally {
    await dataSource.destroy();
  }
}

runAsBenchProcess(main);
