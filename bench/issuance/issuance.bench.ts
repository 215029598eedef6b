/**
 * Reset-issuance benchmark: a 100,000-account wave issued by one scheduler, first to a transport
 * that accepts each message at once, then through the file notifier. The measured code is the
 * app's own, so it runs as the app's benchmark process
 * (apps/reset-issuance/src/integration/bench/issuance-wave.process.ts), which prints the figures.
 */
import { appBenchProcess, runBenchProcess, type Metric } from '@rekey/benchmarking';

const minutes = 60_000;

export function measureIssuance(): Promise<Metric[]> {
  return runBenchProcess<Metric[]>(appBenchProcess('reset-issuance', 'issuance-wave.process.js'), [], {
    timeoutMs: 30 * minutes,
  });
}
