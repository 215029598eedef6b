import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import type { MatchRun, MatchRunCounts, ModelSummary } from './domain/match-run';
import { MatchRunQueries } from './match-run-queries';
import { RunMatching } from './run-matching';

/** Operators start a match run over the imported directories and follow it. */
@ApiTags('matching')
@ApiBearerAuth('operator')
@Controller('operator/match-runs')
@RequireScopes('imports:write')
export class MatchRunsController {
  constructor(
    private readonly runMatching: RunMatching,
    private readonly queries: MatchRunQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a match run in the background (one at a time)' })
  async start(@Actor() actor: OperatorActor): Promise<MatchRunView> {
    // The run goes on after the response; its outcome is read back with GET.
    const { run } = await this.runMatching.execute({ requestedBy: actor.subject });
    return view(run);
  }

  @Get(':runId')
  @ApiOperation({ summary: "A match run's status and, once completed, its counts" })
  async get(@Param('runId') runId: string): Promise<MatchRunView> {
    return view(await this.queries.get(runId));
  }
}

interface MatchRunView {
  id: string;
  status: MatchRun['status'];
  requestedBy: string;
  startedAt: string;
  finishedAt?: string;
  failure?: string;
  counts?: MatchRunCounts;
  model?: ModelSummary;
}

function view(run: MatchRun): MatchRunView {
  return {
    id: run.id,
    status: run.status,
    requestedBy: run.requestedBy,
    startedAt: run.startedAt.toISOString(),
    ...(run.finishedAt ? { finishedAt: run.finishedAt.toISOString() } : {}),
    ...(run.failure ? { failure: run.failure } : {}),
    ...(run.counts ? { counts: run.counts } : {}),
    ...(run.model ? { model: run.model } : {}),
  };
}
