import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import type { Metric } from '@rekey/benchmarking';

export type { Metric } from '@rekey/benchmarking';

/** Builds figures named `<prefix>.<metric>` that are reported without a goal. */
export function reportedUnder(prefix: string): (metric: string, value: number, unit: string) => Metric {
  return (metric, value, unit) => ({ metric: `${prefix}.${metric}`, value, unit, target: 'reported' });
}

/** Prints the figures as a table and writes bench/results/<name>.json. */
export function reportBenchmark(name: string, metrics: Metric[]): void {
  const commit = (() => {
    try {
      return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return 'unknown';
    }
  })();
  const rows = metrics.map((metric) => ({
    metric: metric.metric,
    value: Number.isInteger(metric.value) ? String(metric.value) : metric.value.toFixed(2),
    unit: metric.unit,
    target: metric.target,
    met: meets(metric) ? 'yes' : 'NO',
  }));
  const widths = Object.fromEntries(
    Object.keys(rows[0] ?? {}).map((key) => [
      key,
      Math.max(key.length, ...rows.map((row) => row[key as keyof typeof row].length)),
    ]),
  );
  const line = (cells: Record<string, string>) =>
    Object.keys(widths)
      .map((key) => cells[key]!.padEnd(widths[key]!))
      .join('  ');
  process.stdout.write(`\n${line(Object.fromEntries(Object.keys(widths).map((key) => [key, key])))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);

  const folder = path.resolve(__dirname, '../../bench/results');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ commit, machine: { cpus: availableParallelism(), node: process.version }, metrics }, null, 2)}\n`,
  );
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
}

function meets(metric: Metric): boolean {
  const match = /^(>=|<=)\s*([\d.]+)$/.exec(metric.target.trim());
  if (!match) return true;
  return match[1] === '>=' ? metric.value >= Number(match[2]) : metric.value <= Number(match[2]);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
