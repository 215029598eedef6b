/**
 * What identity-matching's benchmark processes (apps/identity-matching/src/integration/bench/)
 * print as JSON: the protocol between them and this benchmark, which runs them as processes
 * instead of importing the app. Only the fields read here are declared.
 */
export interface SeedResult {
  /** The seeded scratch database: the service's tables and bench_truth. */
  url: string;
  legacy: number;
  target: number;
  truthPairs: number;
  generateSeconds: number;
  seedSeconds: number;
  /** Peak resident set of the seeding process, kB: not the run's. */
  maxRssKb: number;
  /** Both directories as export files, when the seeding was given a folder for them. */
  files?: { legacy: string; target: string; writeSeconds: number };
}

export interface MatchRunResult {
  seconds: number;
  phases: {
    readPages: number;
    prepareFeatures: number;
    model: number;
    write: number;
    applyTransactions: number;
    readStates: number;
    writeMachineBusyPct: number | undefined;
  };
  counts: {
    legacy: number;
    candidatePairs: number;
    linked: number;
    review: number;
    new: number;
    eventsEmitted: number;
  };
  emIterations: number;
  maxRssKb: number;
  runCpuSeconds: number;
  machineCpuSeconds: number | undefined;
  machineBusyPct: number | undefined;
  mainThread: { cpuSeconds: number; waitingSeconds: number } | undefined;
  blocking: {
    perRecord: { mean: number; p50: number; p99: number; max: number };
    recordsAtBudget: number;
    rules: Array<{ name: string; pairs: number }>;
  };
  completeness: { truePairs: number; overall: number; rules: Array<{ name: string; completeness: number }> };
}
