import type { ImportReport, MatchReport, MatchRunView } from './identity-matching-api';
import { countsTable, table } from './tables';

/**
 * The import's counts, the known columns its file lacked, then the rejected lines and the field
 * warnings, each with its count and its first entries as file:line  field  reason.
 */
export function importReportText(report: ImportReport, fileName: string, url: string): string {
  const { read, inserted, updated, unchanged, rejected, warnings } = report.counts;
  const lines = [
    `import ${report.id}: ${report.status}`,
    `  read ${read}, inserted ${inserted}, updated ${updated}, unchanged ${unchanged}`,
  ];
  if (report.missingColumns.length > 0) {
    lines.push(`columns the file lacks, read as empty on every line: ${report.missingColumns.join(', ')}`);
  }
  const entries = (found: ImportReport['rejections']) =>
    found.map(({ line, field, reason }) => `  ${fileName}:${line}  ${field ?? '(line)'}  ${reason}`);
  const more = (count: number, shown: number, what: string, path: string) =>
    count > shown ? [`  all stored ${what}: GET ${url}/operator/imports/${report.id}/${path}`] : [];
  lines.push(
    `rejected lines (not imported): ${rejected}${listed(rejected, report.rejections.length)}`,
    ...entries(report.rejections),
    ...more(rejected, report.rejections.length, 'rejections', 'rejections?after=<line>&limit=1000'),
    `field warnings (value left out, line imported): ${warnings}${listed(warnings, report.warnings.length)}`,
    ...entries(report.warnings),
    ...more(warnings, report.warnings.length, 'warnings', 'warnings?after=<next>&limit=1000'),
  );
  return lines.join('\n');
}

function listed(count: number, shown: number): string {
  return count > shown && shown > 0 ? ` (the first ${shown} below)` : '';
}

export function matchRunText(run: MatchRunView): string {
  const lines = [`match run ${run.id}: ${run.status}${run.failure ? ` (${run.failure})` : ''}`];
  if (run.finishedAt) {
    const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
    lines.push(`took ${seconds.toFixed(1)} s`);
  }
  if (run.counts) lines.push(table(['count', 'value'], Object.entries(run.counts)));
  return lines.join('\n');
}

/** The report as tables; `samples` false leaves out the per-band samples and their evidence. */
export function matchReportText(
  report: MatchReport,
  options: { samples: boolean } = { samples: true },
): string {
  const total = report.accounts;
  const parts = [`match report: ${total} legacy accounts`];
  if (report.lastRun)
    parts.push(`last run ${report.lastRun.id} (${report.lastRun.status}, ${report.lastRun.startedAt})`);
  const blocking = report.lastRun?.blocking;
  if (blocking) {
    const { perRecord } = blocking;
    parts.push(
      `candidate pairs: ${blocking.candidatePairs}, per legacy account mean ${perRecord.mean}, p50 ${perRecord.p50}, ` +
        `p99 ${perRecord.p99}, max ${perRecord.max}; ${blocking.recordsAtBudget} accounts at the budget`,
    );
    parts.push(
      table(
        ['blocking rule', 'pairs'],
        blocking.rules.map((rule) => [rule.name, rule.pairs]),
      ),
    );
  }
  parts.push(countsTable('outcome', report.byOutcome, total));
  parts.push(countsTable('band', report.byBand, total));
  parts.push(countsTable('primary segment', report.bySegment, total));
  if (report.byContactState) parts.push(countsTable('contact state', report.byContactState, total));
  parts.push(countsTable('review reason', report.byReviewReason, report.byOutcome['review'] ?? 0));
  parts.push(table(['verified links', 'count'], Object.entries(report.verifiedLinks)));
  const queue = report.reviewQueue;
  parts.push(
    `review queue: ${queue.open} open, ${queue.pendingApproval} awaiting approval, ${queue.resolved} resolved`,
  );
  if (options.samples) {
    for (const [band, samples] of Object.entries(report.samples)) {
      if (samples.length === 0) continue;
      const rows = samples.map((sample) => [
        sample.legacyAccountId,
        sample.targetAccountId ?? '-',
        sample.outcome,
        sample.probability.toFixed(4),
        sample.reviewReasons.join(',') || '-',
        (sample.evidence?.fields ?? [])
          .map((field) => `${field.field}:${field.level}(${field.weight.toFixed(1)})`)
          .join(' '),
      ]);
      parts.push(
        `samples, band ${band}:\n${table(['legacy', 'target', 'outcome', 'probability', 'reasons', 'evidence'], rows)}`,
      );
    }
  }
  return parts.join('\n\n');
}
