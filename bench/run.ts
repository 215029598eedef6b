/** `npm run bench -- <name>`: runs one benchmark, prints its figures and writes bench/results/<name>.json. */
import { measureEnrollment } from './enrollment/enrollment.bench';
import { measureIssuance } from './issuance/issuance.bench';
import { measureAudit, measureJourney } from './journey/journey.bench';
import { runMatchingBenchmark } from './matching/matching.bench';
import { runMessagingBenchmark } from './messaging/messaging.bench';
import { measureRedemption } from './redemption/redemption.bench';
import { reportBenchmark } from './results';

// Each gets the arguments after its name: `npm run bench -- matching --skip-million`.
const benchmarks: Record<string, (args: readonly string[]) => Promise<void>> = {
  messaging: runMessagingBenchmark,
  matching: runMatchingBenchmark,
  // Issuing a wave and redeeming its links: reset-issuance's two loads, reported together.
  issuance: async () =>
    reportBenchmark('issuance', [...(await measureIssuance()), ...(await measureRedemption())]),
  redemption: async () => reportBenchmark('redemption', await measureRedemption()),
  enrollment: async () => reportBenchmark('enrollment', await measureEnrollment()),
  // One customer's way from link to revoked legacy sessions, through every service, at 100/s.
  journey: async () => reportBenchmark('journey', [...(await measureJourney()), ...(await measureAudit())]),
};

const name = process.argv[2];
const benchmark = name ? benchmarks[name] : undefined;
if (!benchmark) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(benchmarks).join(' | ')}>\n`);
  process.exit(2);
}
benchmark(process.argv.slice(3)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
