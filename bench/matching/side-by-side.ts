/**
 * Rekey and Splink side by side on the same generated directories (200,000 people by default):
 * Rekey's measured match run as the full-size phase runs it (database writes and events
 * included), then Splink from reading the two export files to its predictions
 * (splink/link_with_splink.py). Both keep one target per legacy account and are scored against
 * the generator's truth the same way. Without Python or the package index, Splink is skipped
 * with the reason and Rekey's figures at this size are still reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalStack } from '@rekey/testing';
import { reportedUnder, type Metric } from '../results';
import type { SideBySideOptions } from './matching-options';
import { matchWithRekey, printSummary, type RekeyMatch } from './rekey-match';
import { readSplinkLinks, scorePairs, type PairQuality } from './splink/splink-quality';
import { linkWithSplink, type SplinkResult } from './splink/splink-runner';

const prefix = 'matching.vs_splink';
const reported = reportedUnder(prefix);

export async function compareWithSplink(stack: LocalStack, options: SideBySideOptions): Promise<Metric[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'rekey-bench-splink-'));
  try {
    process.stdout.write(
      `matching: side by side with Splink, ${options.generator.people.toLocaleString('en')} people\n`,
    );
    const rekey = await matchWithRekey(stack, options.generator, folder);
    printSummary(rekey);
    const { files } = rekey.seeded;
    if (!files || !rekey.truth) throw new Error('the seeding wrote no directory files');
    const splink = await linkWithSplink({
      legacyFile: files.legacy,
      targetFile: files.target,
      outFolder: folder,
      maxPairs: options.splinkMaxPairs,
      timeoutMs: options.splinkTimeoutMs,
    });
    const metrics = rekeyMetrics(rekey, options.generator.people);
    if (!splink.ran) {
      process.stdout.write(`matching: side-by-side with Splink skipped: ${splink.reason}\n`);
      return metrics;
    }
    const { result } = splink;
    if (result.counts.legacy !== rekey.seeded.legacy || result.counts.target !== rekey.seeded.target) {
      throw new Error(
        `Splink read ${result.counts.legacy} legacy and ${result.counts.target} target records, ` +
          `${rekey.seeded.legacy} and ${rekey.seeded.target} were written`,
      );
    }
    const quality = scorePairs(readSplinkLinks(result.linksFile), rekey.truth);
    printTable(rekey, result, quality);
    return [...metrics, ...splinkMetrics(rekey, result, quality)];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function rekeyRecordsPerSecond(rekey: RekeyMatch): number {
  return rekey.seeded.legacy / rekey.run.seconds;
}

function printTable(rekey: RekeyMatch, splink: SplinkResult, splinkQuality: PairQuality): void {
  const { quality } = rekey;
  const speed = (records: number, seconds: number) => [Math.round(records / seconds), seconds.toFixed(1)];
  const rows = [
    ['', 'records/s', 'seconds', 'predicted', 'precision', 'recall', 'F1'],
    [
      'Rekey: links + review first candidates',
      ...speed(rekey.seeded.legacy, rekey.run.seconds),
      quality.predicted,
      ...[quality.precision, quality.recall, quality.f1].map((value) => value.toFixed(4)),
    ],
    [
      'Rekey: verified links only',
      ...speed(rekey.seeded.legacy, rekey.run.seconds),
      quality.linked,
      ...[quality.linkedPrecision, quality.linkedRecall, quality.linkedF1].map((value) => value.toFixed(4)),
    ],
    [
      `Splink ${splink.versions.splink} (DuckDB ${splink.versions.duckdb})`,
      ...speed(splink.counts.legacy, splink.seconds.total),
      splinkQuality.predicted,
      ...[splinkQuality.precision, splinkQuality.recall, splinkQuality.f1].map((value) => value.toFixed(4)),
    ],
  ].map((row) => row.map(String));
  const widths = (rows[0] as string[]).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] as string).length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const steps = Object.entries(splink.seconds.steps)
    .map(([step, seconds]) => `${step} ${seconds.toFixed(1)}`)
    .join(', ');
  process.stdout.write(
    `\nmatching: ${rekey.seeded.legacy} legacy and ${rekey.seeded.target} target records, ` +
      `${rekey.truth?.size} true pairs; Rekey's seconds are its match run with every write, ` +
      `Splink's from reading the files to its chosen links\n` +
      rows.map((row) => `${line(row)}\n`).join('') +
      `matching: Splink's seconds: ${steps} (${splink.counts.pairsAboveThreshold} pairs at or above 0.5, ` +
      `${splink.threads} DuckDB threads)\n`,
  );
}

function rekeyMetrics(rekey: RekeyMatch, people: number): Metric[] {
  const { quality } = rekey;
  return [
    reported('people', people, 'people'),
    reported('legacy_records', rekey.seeded.legacy, 'records'),
    reported('target_records', rekey.seeded.target, 'records'),
    reported('rekey_records_per_s', Math.round(rekeyRecordsPerSecond(rekey)), 'records/s'),
    reported('rekey_seconds', rekey.run.seconds, 's'),
    reported('rekey_precision', quality.precision, 'ratio'),
    reported('rekey_recall', quality.recall, 'ratio'),
    reported('rekey_f1', quality.f1, 'ratio'),
    reported('rekey_linked_precision', quality.linkedPrecision, 'ratio'),
    reported('rekey_linked_recall', quality.linkedRecall, 'ratio'),
    reported('rekey_linked_f1', quality.linkedF1, 'ratio'),
  ];
}

function splinkMetrics(rekey: RekeyMatch, splink: SplinkResult, quality: PairQuality): Metric[] {
  const splinkRecordsPerSecond = splink.counts.legacy / splink.seconds.total;
  return [
    reported('records_per_s_ratio', rekeyRecordsPerSecond(rekey) / splinkRecordsPerSecond, 'ratio'),
    reported('f1_delta', rekey.quality.f1 - quality.f1, 'ratio'),
    reported('linked_f1_delta', rekey.quality.linkedF1 - quality.f1, 'ratio'),
    reported('splink_records_per_s', Math.round(splinkRecordsPerSecond), 'records/s'),
    reported('splink_seconds', splink.seconds.total, 's'),
    ...Object.entries(splink.seconds.steps).map(([step, seconds]) =>
      reported(`splink_${step}_seconds`, seconds, 's'),
    ),
    reported('splink_pairs_above_threshold', splink.counts.pairsAboveThreshold, 'pairs'),
    reported('splink_precision', quality.precision, 'ratio'),
    reported('splink_recall', quality.recall, 'ratio'),
    reported('splink_f1', quality.f1, 'ratio'),
  ];
}
