/** `npm run bench -- <name>`: runs one benchmark, prints its figures and writes bench/results/<name>.json. */
import { runMessagingBenchmark } from './messaging/messaging.bench';
import { runIssuanceBenchmark } from './issuance/issuance.bench';

const benchmarks: Record<string, () => Promise<void>> = {
  messaging: runMessagingBenchmark,
  issuance: runIssuanceBenchmark,
};

const name = process.argv[2];
const benchmark = name ? benchmarks[name] : undefined;
if (!benchmark) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(benchmarks).join(' | ')}>\n`);
  process.exit(2);
}
benchmark().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
