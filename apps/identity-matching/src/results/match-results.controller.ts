import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Segments } from '@rekey/contracts';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { CONTACT_STATES } from '../matching';
import type { AccountResult } from './domain/account-result';
import { ListMatchResults, type MatchResultsPage } from './list-match-results';
import {
  MAX_RESULTS_LIMIT,
  MatchResultsAnswer,
  OUTCOMES,
  RESULT_BANDS,
  ResultsQuery,
} from './match-results.openapi';

type MatchResultsView = z.input<typeof MatchResultsAnswer>;

/** Operators read every legacy account's outcome of the latest match run, page by page. */
@ApiTags('matching')
@ApiBearerAuth('operator')
@Controller('operator/match-results')
@RequireScopes('review:read')
export class MatchResultsController {
  constructor(private readonly listMatchResults: ListMatchResults) {}

  @Get()
  @ApiOperation({
    summary: "Every legacy account's outcome of the latest match run, by account id; page with `after`",
    description:
      'One item per legacy account: outcome, band, probability, chosen target, review reasons, segments, ' +
      'contact state and the per-field evidence. Only the latest result of each account is kept, so a run ' +
      'still rewriting them answers 409 (Retry-After), and so does a page asked for after another run ' +
      'started: start again from the first page.',
  })
  @ApiQuery({ name: 'runId', required: false, description: 'The run meant; 409 if it is not the latest.' })
  @ApiQuery({ name: 'outcome', required: false, enum: OUTCOMES })
  @ApiQuery({ name: 'band', required: false, enum: RESULT_BANDS })
  @ApiQuery({ name: 'segment', required: false, enum: Segments, description: 'Primary or not.' })
  @ApiQuery({ name: 'contactState', required: false, enum: CONTACT_STATES })
  @ApiQuery({ name: 'after', required: false, description: 'The `next` of the previous page (opaque).' })
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_RESULTS_LIMIT}, default 100.` })
  @ApiOkResponse({ schema: z.toJSONSchema(MatchResultsAnswer, { io: 'input' }) as object })
  @ApiResponse({
    status: 400,
    description: 'A filter, `limit` or `after` that is not valid, named in `errors`.',
  })
  @ApiResponse({ status: 404, description: 'No match run yet, or no such run.' })
  @ApiResponse({
    status: 409,
    description: 'A run is in progress, or the run meant is no longer the latest.',
  })
  async list(@Query() query: unknown): Promise<MatchResultsView> {
    return view(await this.listMatchResults.execute(parseBody(ResultsQuery, query)));
  }
}

function view(page: MatchResultsPage): MatchResultsView {
  const { run } = page;
  return {
    run: {
      id: run.id,
      status: run.status === 'failed' ? 'failed' : 'completed',
      startedAt: run.startedAt.toISOString(),
      ...(run.finishedAt ? { finishedAt: run.finishedAt.toISOString() } : {}),
    },
    items: page.items.map(itemView),
    ...(page.next ? { next: page.next } : {}),
  };
}

function itemView(result: AccountResult): MatchResultsView['items'][number] {
  return { ...result, updatedAt: result.updatedAt.toISOString() };
}
