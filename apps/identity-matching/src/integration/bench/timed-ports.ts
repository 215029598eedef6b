import { machineBusyPercent, readCpu, type CpuReading } from '@rekey/benchmarking';
import type { DirectoryRecords } from '../../directory/directory-records.port';
import type { DirectoryRecord, DirectorySide } from '../../directory/domain/directory-record';
import type { AccountBatch, AccountMatchStore, BatchOutcome } from '../../linking/account-match-store.port';
import type { AccountState } from '../../linking/domain/account-change';

/** Seconds of each phase of a run, read off the ports RunMatching calls, in the order it calls them. */
export interface PhaseSeconds {
  /** Waiting for directory pages from PostgreSQL. */
  readPages: number;
  /** Between pages: RunMatching turning records into features. */
  prepareFeatures: number;
  /**
   * From the last page to the first batch: building the features, blocking, comparing pairs, the
   * EM fit and choosing targets (and the first batch's results).
   */
  model: number;
  /** From the first batch to the last write: results, plans and the database writes, pipelined. */
  write: number;
  /** Inside `apply`, summed: the transactions themselves (they overlap with planning). */
  applyTransactions: number;
  /** Inside `statesOf`, summed. */
  readStates: number;
  /**
   * How busy the whole machine was during the write phase, in percent of all its cores: the run
   * plans batches while the database writes earlier ones, so this shows whether the machine, not
   * a wait, sets the pace.
   */
  writeMachineBusyPct: number | undefined;
}

/**
 * Watches the run from outside, through its ports, so that RunMatching itself carries no timing
 * code: pages read, first batch planned, last batch written.
 */
export class PhaseClock {
  readonly seconds: PhaseSeconds = {
    readPages: 0,
    prepareFeatures: 0,
    model: 0,
    write: 0,
    applyTransactions: 0,
    readStates: 0,
    writeMachineBusyPct: undefined,
  };
  private lastPageAt = 0;
  private firstBatchAt = 0;
  private lastWriteAt = 0;
  private firstBatchCpu: CpuReading | undefined;
  private lastWriteCpu: CpuReading | undefined;

  directories(inner: DirectoryRecords): DirectoryRecords {
    return {
      loadAll: (side) => inner.loadAll(side),
      count: (side) => inner.count(side),
      pages: (side) => this.timedPages(inner, side),
    };
  }

  private async *timedPages(inner: DirectoryRecords, side: DirectorySide): AsyncIterable<DirectoryRecord[]> {
    const iterator = inner.pages(side)[Symbol.asyncIterator]();
    for (;;) {
      const asked = performance.now();
      const next = await iterator.next();
      const answered = performance.now();
      this.seconds.readPages += (answered - asked) / 1000;
      if (next.done) {
        this.lastPageAt = answered;
        return;
      }
      yield next.value;
      // Resumed when RunMatching asks for the next page, having turned this one into features.
      this.seconds.prepareFeatures += (performance.now() - answered) / 1000;
    }
  }

  accounts(inner: AccountMatchStore): AccountMatchStore {
    return {
      statesOf: async (legacyIds: readonly string[]): Promise<Map<string, AccountState>> => {
        const started = performance.now();
        if (this.firstBatchAt === 0) {
          this.firstBatchAt = started;
          this.firstBatchCpu = readCpu([]);
        }
        const states = await inner.statesOf(legacyIds);
        this.seconds.readStates += (performance.now() - started) / 1000;
        return states;
      },
      apply: async (batch: AccountBatch): Promise<BatchOutcome> => {
        const started = performance.now();
        const outcome = await inner.apply(batch);
        this.lastWriteAt = performance.now();
        this.lastWriteCpu = readCpu([]);
        this.seconds.applyTransactions += (this.lastWriteAt - started) / 1000;
        return outcome;
      },
    };
  }

  finish(): PhaseSeconds {
    this.seconds.model = (this.firstBatchAt - this.lastPageAt) / 1000;
    this.seconds.write = (this.lastWriteAt - this.firstBatchAt) / 1000;
    if (this.firstBatchCpu && this.lastWriteCpu)
      this.seconds.writeMachineBusyPct = machineBusyPercent(this.firstBatchCpu, this.lastWriteCpu);
    return this.seconds;
  }
}
