import { Inject, Injectable } from '@nestjs/common';
import { RequestValidationError } from '@rekey/problem-details';
import type { AccountResult, ResultsRun } from './domain/account-result';
import {
  NoMatchRunYet,
  ResultsRunInProgress,
  ResultsRunUnknown,
  ResultsSuperseded,
} from './domain/match-results.errors';
import { decodeCursor, encodeCursor } from './domain/results-cursor';
import { MATCH_RESULT_SOURCE, type MatchResultSource, type ResultFilter } from './match-result-source.port';

export interface ListMatchResultsQuery extends Omit<ResultFilter, 'afterLegacyId'> {
  /** The run the operator means; the latest run when absent. */
  runId?: string;
  /** The `next` of the previous page. */
  after?: string;
}

export interface MatchResultsPage {
  run: ResultsRun;
  items: AccountResult[];
  /** Pass as `after` for the next page; absent on the last one. */
  next?: string;
}

/**
 * Pages through every legacy account's stored result. Only the latest result of each account is
 * kept, so what is listed is the outcome of the latest run: a run that is still rewriting the
 * results answers 409, and so does a page asked for after another run started (its cursor names
 * the run it began with), so that no listing silently mixes two runs.
 */
@Injectable()
export class ListMatchResults {
  constructor(@Inject(MATCH_RESULT_SOURCE) private readonly source: MatchResultSource) {}

  async execute(query: ListMatchResultsQuery): Promise<MatchResultsPage> {
    const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
    if (query.after !== undefined && !cursor) invalid('after', 'Not a cursor this listing returned');
    if (cursor && query.runId !== undefined && cursor.runId !== query.runId)
      invalid('after', 'The cursor belongs to another run than runId');
    const pinnedRunId = query.runId ?? cursor?.runId;

    const { runId: _runId, after: _after, ...filter } = query;
    // One more than asked tells whether another page follows without counting the accounts.
    const snapshot = await this.source.page({
      ...filter,
      ...(cursor ? { afterLegacyId: cursor.afterLegacyId } : {}),
      limit: query.limit + 1,
    });
    const latest = snapshot.latestRun;
    if (pinnedRunId !== undefined && pinnedRunId !== latest?.id) {
      if (!(await this.source.findRun(pinnedRunId))) throw new ResultsRunUnknown(pinnedRunId);
      if (latest) throw new ResultsSuperseded(pinnedRunId, latest.id);
    }
    if (!latest) throw new NoMatchRunYet();
    if (latest.status === 'running') throw new ResultsRunInProgress(latest.id);

    const items = snapshot.results.slice(0, query.limit);
    const last = items[items.length - 1];
    return snapshot.results.length > query.limit && last
      ? { run: latest, items, next: encodeCursor({ runId: latest.id, afterLegacyId: last.legacyAccountId }) }
      : { run: latest, items };
  }
}

function invalid(field: string, message: string): never {
  throw new RequestValidationError([{ field, message }]);
}
