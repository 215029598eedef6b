/**
 * Creates and seeds the matching benchmark's database (a scratch database with identity-matching's
 * tables), in its own process so that the two million generated records (several GB of objects)
 * are gone before the measured run starts:
 *   node seed-directories.process.js <database prefix> <generator options, JSON> [<files folder>]
 * The generator options are generateSyntheticDirectories' own but `now` (people, seed, and any
 * noise profile it offers). Writes both directories as completed imports would, and the known
 * truth to bench_truth, which the service never reads. Given a folder, it also writes the two
 * directories there as export files (legacy.csv, target.csv), so another linker can read the very
 * records Rekey matched. Prints { url, legacy, target, truthPairs, generateSeconds, seedSeconds,
 * maxRssKb, files }; whoever started it drops the database and the files.
 */
import { progress as progressOf, runAsBenchProcess, secondsSince } from '@rekey/benchmarking';
import path from 'node:path';
import {
  generateSyntheticDirectories,
  writeDirectoryFile,
  type DirectoryRecord,
  type SyntheticOptions,
} from '@rekey/synthetic-directories';
import type { DataSource } from 'typeorm';
import { insertDirectory } from '../directory-fixture';
import { openMatchingDatabase } from '../matching-api';

const progress = (line: string) => progressOf('matching', line);

const TRUTH_ROWS_PER_STATEMENT = 50_000;

export interface SeedResult {
  /** The seeded database, the service's tables and bench_truth. */
  url: string;
  legacy: number;
  target: number;
  truthPairs: number;
  generateSeconds: number;
  seedSeconds: number;
  /** Peak resident set of the seeding process, kB: not the run's. */
  maxRssKb: number;
  /** The export files written, when a folder was given. */
  files?: { legacy: string; target: string; writeSeconds: number };
}

async function insertTruth(dataSource: DataSource, truth: Map<string, string>): Promise<void> {
  await dataSource.query(
    `CREATE TABLE bench_truth (legacy_account_id text COLLATE "C" PRIMARY KEY, target_account_id text NOT NULL)`,
  );
  const pairs = [...truth];
  for (let start = 0; start < pairs.length; start += TRUTH_ROWS_PER_STATEMENT) {
    const slice = pairs.slice(start, start + TRUTH_ROWS_PER_STATEMENT);
    await dataSource.query(
      `INSERT INTO bench_truth (legacy_account_id, target_account_id)
       SELECT * FROM unnest($1::text[], $2::text[])`,
      [slice.map(([legacyId]) => legacyId), slice.map(([, targetId]) => targetId)],
    );
  }
}

async function main(): Promise<SeedResult> {
  const [prefix, generatorJson, folder] = process.argv.slice(2) as [string, string, string | undefined];
  const generator = JSON.parse(generatorJson) as Omit<SyntheticOptions, 'now'>;
  const { dataSource, url } = await openMatchingDatabase(prefix);
  try {
    progress(`generating ${generator.people.toLocaleString('en')} people...`);
    let started = performance.now();
    const { legacy, target, truth } = generateSyntheticDirectories({ ...generator, now: new Date() });
    const generateSeconds = secondsSince(started);
    progress(
      `generated ${legacy.length.toLocaleString('en')} legacy and ${target.length.toLocaleString('en')} ` +
        `target records (${truth.size.toLocaleString('en')} true pairs) in ${generateSeconds.toFixed(1)} s; seeding...`,
    );
    started = performance.now();
    // Both sides at once: one connection each, so the database's core and ours both stay busy.
    await Promise.all([
      insertDirectory(dataSource, 'legacy', legacy),
      insertDirectory(dataSource, 'target', target),
    ]);
    const seedSeconds = secondsSince(started);
    progress(
      `seeded ${(legacy.length + target.length).toLocaleString('en')} records in ${seedSeconds.toFixed(1)} s`,
    );
    await insertTruth(dataSource, truth);
    const files = folder === undefined ? undefined : await writeFiles(folder, legacy, target);
    // As autovacuum would after an import this size: otherwise the run's first reads would set the
    // hint bits of every page, writing the whole table again inside the measured time.
    await dataSource.query('VACUUM ANALYZE directory_record');
    const result: SeedResult = {
      url,
      legacy: legacy.length,
      target: target.length,
      truthPairs: truth.size,
      generateSeconds,
      seedSeconds,
      maxRssKb: process.resourceUsage().maxRSS,
      ...(files && { files }),
    };
    return result;
  } finally {
    await dataSource.destroy();
  }
}

async function writeFiles(
  folder: string,
  legacy: DirectoryRecord[],
  target: DirectoryRecord[],
): Promise<NonNullable<SeedResult['files']>> {
  const started = performance.now();
  const files = { legacy: path.join(folder, 'legacy.csv'), target: path.join(folder, 'target.csv') };
  await writeDirectoryFile(legacy, 'csv', files.legacy);
  await writeDirectoryFile(target, 'csv', files.target);
  const writeSeconds = secondsSince(started);
  progress(`wrote both directories as CSV exports to ${folder} in ${writeSeconds.toFixed(1)} s`);
  return { ...files, writeSeconds };
}

runAsBenchProcess(main);
