import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { megabytes, progressBar } from './progress-bar';
import { operatorCall, sleep } from './operator-call';

export interface ImportReport {
  id: string;
  status: string;
  /** `rejected` counts lines not imported; `warnings` counts values left out of lines that were. */
  counts: Record<'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'warnings', number>;
  /** Known columns the file did not have: read as empty on every line. */
  missingColumns: string[];
  rejections: Array<{ line: number; field?: string; reason: string }>;
  warnings: Array<{ line: number; field: string; reason: string }>;
}

export interface MatchRunView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt?: string;
  failure?: string;
  counts?: Record<string, number>;
}

export interface MatchReport {
  accounts: number;
  byOutcome: Record<string, number>;
  byBand: Record<string, number>;
  bySegment: Record<string, number>;
  byContactState?: Record<string, number>;
  byReviewReason: Record<string, number>;
  verifiedLinks: Record<string, number>;
  reviewQueue: { open: number; pendingApproval: number; resolved: number };
  samples: Record<string, MatchSample[]>;
  lastRun?: {
    id: string;
    status: string;
    startedAt: string;
    finishedAt?: string;
    blocking?: {
      candidatePairs: number;
      perRecord: { mean: number; p50: number; p99: number; max: number };
      recordsAtBudget: number;
      rules: Array<{ name: string; pairs: number }>;
    };
  };
}

export interface MatchSample {
  legacyAccountId: string;
  outcome: string;
  targetAccountId?: string;
  probability: number;
  reviewReasons: string[];
  evidence?: { method: string; fields: Array<{ field: string; level: string; weight: number }> };
}

/**
 * Streams a directory export to the import API with a progress bar on the bytes sent. The upload
 * goes only as fast as the service writes the records, so the bar shows the import's pace.
 * Resolves with the HTTP status and the answer (a report, or a problem document).
 */
export async function uploadDirectory(options: {
  url: string;
  token: string;
  file: string;
  directory: 'legacy' | 'target';
  format: 'csv' | 'ndjson';
}): Promise<{ status: number; answer: Partial<ImportReport> & { detail?: string; title?: string } }> {
  const { size } = await stat(options.file);
  const query = new URLSearchParams({
    directory: options.directory,
    format: options.format,
    fileName: path.basename(options.file),
  });
  const response = await fetch(`${options.url}/operator/imports?${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': options.format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    },
    body: fileWithProgress(options.file, size, options.directory),
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  return { status: response.status, answer: (await response.json().catch(() => ({}))) as ImportReport };
}

async function* fileWithProgress(file: string, size: number, label: string): AsyncGenerator<Uint8Array> {
  const progress = progressBar(
    label.padEnd(6),
    size,
    (sent, perSecond) => `${megabytes(sent)} / ${megabytes(size)} MB  ${megabytes(perSecond)} MB/s`,
  );
  let sent = 0;
  progress.update(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    yield chunk as Buffer;
    sent += (chunk as Buffer).length;
    progress.update(sent);
  }
  progress.done();
}

export function startMatchRun(url: string, token: string): Promise<MatchRunView> {
  return operatorCall<MatchRunView>('POST', `${url}/operator/match-runs`, token);
}

/** Polls the run until it is no longer running; `tick` is told each time it is still running. */
export async function waitForMatchRun(
  url: string,
  token: string,
  runId: string,
  timeoutSeconds: number,
  tick: () => void = () => undefined,
): Promise<MatchRunView> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const run = await operatorCall<MatchRunView>('GET', `${url}/operator/match-runs/${runId}`, token);
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`match run ${runId} still running after ${timeoutSeconds} s`);
    tick();
    await sleep(1_000);
  }
}

export function matchReport(url: string, token: string): Promise<MatchReport> {
  return operatorCall<MatchReport>('GET', `${url}/operator/match-report`, token);
}
