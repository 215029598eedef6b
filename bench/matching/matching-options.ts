/**
 * What `npm run bench -- matching [options]` runs. By default both phases, one after the other:
 * the full-size run (about a million accounts a side) and the side-by-side with Splink at 200,000
 * people. Options:
 *   --people <n>            people generated for the side-by-side (default 200,000)
 *   --skip-million          leave out the full-size run: the side-by-side alone
 *   --skip-splink           leave out the side-by-side
 *   --splink-max-pairs <n>  pairs Splink samples to estimate u (default 1e7, its documented advice)
 *   --splink-timeout-minutes <n>
 *   --noise <profile>       the generator's noise profile, realistic (default) or standard
 * REKEY_BENCH_MATCHING_PEOPLE still sizes the full-size run while developing.
 */
import { isNoiseProfile, type SyntheticOptions } from '@rekey/synthetic-directories';

/** generateSyntheticDirectories' options but `now`, the noise profile included. */
export type GeneratorOptions = Omit<SyntheticOptions, 'now'>;

export interface MatchingOptions {
  /** The full-size run, unless skipped. */
  fullSize: GeneratorOptions | undefined;
  sideBySide: SideBySideOptions | undefined;
}

export interface SideBySideOptions {
  generator: GeneratorOptions;
  splinkMaxPairs: number;
  splinkTimeoutMs: number;
}

// About 90% of people have an account on each side, so this gives about a million of each.
const defaultPeople = 1_111_112;
const defaultSideBySidePeople = 200_000;
const seed = 2026;

export function parseMatchingOptions(
  args: readonly string[],
  environment: NodeJS.ProcessEnv,
): MatchingOptions {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--skip-million' || arg === '--skip-splink') flags.add(arg);
    else if (valueOptions.has(arg)) {
      const value = args[++index];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      values.set(arg, value);
    } else throw new Error(`unknown option ${arg}: expected ${[...valueOptions, ...flagOptions].join(', ')}`);
  }
  const sideBySidePeople = wholeNumber('--people', values.get('--people'), defaultSideBySidePeople);
  // Realistic by default: the duplicates of real exports are what the benchmark has to measure.
  const noise = values.get('--noise') ?? 'realistic';
  if (!isNoiseProfile(noise)) throw new Error('--noise must be realistic or standard');
  return {
    fullSize: flags.has('--skip-million')
      ? undefined
      : {
          people: wholeNumber(
            'REKEY_BENCH_MATCHING_PEOPLE',
            environment['REKEY_BENCH_MATCHING_PEOPLE'],
            defaultPeople,
          ),
          seed,
          noise,
        },
    sideBySide: flags.has('--skip-splink')
      ? undefined
      : {
          generator: { people: sideBySidePeople, seed, noise },
          splinkMaxPairs: wholeNumber('--splink-max-pairs', values.get('--splink-max-pairs'), 1e7),
          splinkTimeoutMs:
            wholeNumber('--splink-timeout-minutes', values.get('--splink-timeout-minutes'), 60, 1) * 60_000,
        },
  };
}

const valueOptions = new Set(['--people', '--splink-max-pairs', '--splink-timeout-minutes', '--noise']);
const flagOptions = ['--skip-million', '--skip-splink'];

function wholeNumber(name: string, text: string | undefined, fallback: number, minimum = 100): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${name} must be a whole number of at least ${minimum}`);
  }
  return value;
}
