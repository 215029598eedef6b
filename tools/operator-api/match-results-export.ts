import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { operatorCall } from './operator-call';

/** One legacy account's result, as GET /operator/match-results answers it. */
export interface MatchResultItem {
  legacyAccountId: string;
  outcome: string;
  band: string;
  probability: number;
  targetAccountId?: string;
  reviewReasons: string[];
  segments: string[];
  primarySegment: string;
  contactState: string | null;
  evidence?: unknown;
  nearMisses?: unknown[];
  storedByRunId: string;
  updatedAt: string;
}

export interface MatchResultsPage {
  run: { id: string; status: string; startedAt: string; finishedAt?: string };
  items: MatchResultItem[];
  next?: string;
}

export interface MatchResultsFilter {
  runId?: string;
  outcome?: string;
  band?: string;
  segment?: string;
  contactState?: string;
}

export type ExportFormat = 'ndjson' | 'csv';

export const CSV_COLUMNS = [
  'legacy_account_id',
  'outcome',
  'band',
  'probability',
  'target_account_id',
  'review_reasons',
  'segments',
  'primary_segment',
  'contact_state',
  'evidence',
  'near_misses',
  'stored_by_run_id',
  'updated_at',
] as const;

/** RFC 4180: a value holding a comma, quote or line break (or edge spaces) is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** One CSV row: lists joined with `;`, evidence and near misses as compact JSON, absent = empty. */
export function csvRowOf(item: MatchResultItem): string {
  const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
  return csvLine([
    item.legacyAccountId,
    item.outcome,
    item.band,
    String(item.probability),
    item.targetAccountId ?? '',
    item.reviewReasons.join(';'),
    item.segments.join(';'),
    item.primarySegment,
    item.contactState ?? '',
    json(item.evidence),
    json(item.nearMisses),
    item.storedByRunId,
    item.updatedAt,
  ]);
}

/** Every page of the listing, following `next` until the last; the cursor keeps the first page's run. */
export async function* matchResultPages(
  url: string,
  token: string,
  filter: MatchResultsFilter,
  limit: number,
): AsyncGenerator<MatchResultsPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, value);
  for (;;) {
    const page = await operatorCall<MatchResultsPage>('GET', `${url}/operator/match-results?${query}`, token);
    yield page;
    if (!page.next) return;
    query.set('after', page.next);
  }
}

/**
 * Streams every result to `output` as NDJSON (one item per line, as the API answers it) or CSV
 * (header row first), page by page, waiting for the output to drain. Resolves with the count and
 * the run whose results these are.
 */
export async function exportMatchResults(options: {
  url: string;
  token: string;
  filter: MatchResultsFilter;
  format: ExportFormat;
  output: Writable;
  pageSize: number;
  onPage?: (exported: number) => void;
}): Promise<{ exported: number; runId?: string }> {
  const write = async (text: string) => {
    if (!options.output.write(text)) await once(options.output, 'drain');
  };
  if (options.format === 'csv') await write(csvLine(CSV_COLUMNS));
  let exported = 0;
  let runId: string | undefined;
  for await (const page of matchResultPages(options.url, options.token, options.filter, options.pageSize)) {
    runId = page.run.id;
    const text = page.items
      .map((item) => (options.format === 'csv' ? csvRowOf(item) : `${JSON.stringify(item)}\n`))
      .join('');
    if (text !== '') await write(text);
    exported += page.items.length;
    options.onPage?.(exported);
  }
  return { exported, ...(runId ? { runId } : {}) };
}
