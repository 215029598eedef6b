import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import type { ResyncRun } from './domain/resync';
import { ResyncRunNotFound } from './resync.errors';
import { RESYNC_STORE, type ResyncStore } from './resync-store.port';
import { StartResync } from './start-resync';

const WaveParams = z.object({ waveId: z.uuid() });
const RunParams = z.object({ runId: z.uuid() });

/** What an operator sees of a re-sync run: progress and the drift found, never a credential. */
export interface ResyncRunView {
  runId: string;
  waveId: string;
  requestedBy: ResyncRun['requestedBy'];
  state: ResyncRun['state'];
  counts: ResyncRun['counts'];
  failures: ResyncRun['failures'];
  startedAt: string;
  completedAt?: string;
}

function view(run: ResyncRun): ResyncRunView {
  return {
    runId: run.runId,
    waveId: run.waveId,
    requestedBy: run.requestedBy,
    state: run.state,
    counts: run.counts,
    failures: run.failures,
    startedAt: run.startedAt.toISOString(),
    ...(run.completedAt ? { completedAt: run.completedAt.toISOString() } : {}),
  };
}

/** Operators compare a wave's migrated accounts with the legacy system and repair the drift. */
@ApiTags('re-sync')
@ApiBearerAuth('operator')
@Controller('operator')
export class ResyncController {
  constructor(
    private readonly startResync: StartResync,
    @Inject(RESYNC_STORE) private readonly store: ResyncStore,
  ) {}

  @Post('waves/:waveId/resync')
  @HttpCode(202)
  @RequireScopes('revocations:write')
  @ApiOperation({
    summary:
      "Start a re-sync of a wave's migrated accounts with the legacy system; GET the run until it is completed",
  })
  async start(@Param() params: unknown, @Actor() actor: OperatorActor): Promise<ResyncRunView> {
    const { waveId } = parseBody(WaveParams, params);
    return view(await this.startResync.execute(waveId, { subject: actor.subject, role: 'operator' }));
  }

  @Get('resync-runs/:runId')
  @RequireScopes('revocations:read')
  @ApiOperation({
    summary: 'A re-sync run: accounts checked, sessions revoked again, logins retired again, failures',
  })
  async run(@Param() params: unknown): Promise<ResyncRunView> {
    const { runId } = parseBody(RunParams, params);
    const run = await this.store.find(runId);
    if (!run) throw new ResyncRunNotFound(runId);
    return view(run);
  }
}
