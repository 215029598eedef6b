import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Band, Segment } from '@rekey/contracts';
import { tagJourney } from '@rekey/observability';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { CreateWave } from './create-wave';
import type { WaveEnrolmentPolicy } from './domain/enrolment-policy';
import type { Wave } from './domain/wave';
import { MAX_LINK_LIFETIME_MINUTES } from './domain/wave-schedule';
import { RequestWaveLaunch } from './request-wave-launch';
import { WaveQueries } from './wave-queries';
import type { CohortSnapshot, WaveProgress } from './wave-store.port';

const CreateWaveBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  campaignId: z.uuid().optional(),
  cohort: z.strictObject({
    segments: z.array(Segment).max(20).default([]),
    bands: z.array(Band).max(3).default([]),
    legacyAccountIds: z.array(z.string().trim().min(1).max(512)).max(10_000).default([]),
  }),
  noticeAt: z.iso.datetime({ offset: true }),
  startsAt: z.iso.datetime({ offset: true }),
  cutoffAt: z.iso.datetime({ offset: true }),
  pacePerSecond: z.number().positive().max(100_000),
  linkLifetimeMinutes: z.number().int().min(1).max(MAX_LINK_LIFETIME_MINUTES).default(30),
  enrolmentPolicy: z
    .strictObject({
      minimumAssurance: z
        .partialRecord(Segment, z.enum(['aal1', 'aal2']))
        .optional()
        .describe('The lowest level each segment may finish on; privileged and delegated default to aal2.'),
      passwordBridgeEndsAt: z.iso
        .datetime({ offset: true })
        .optional()
        .describe(
          'After this a bridging password alone no longer signs in; after cutoffAt, default +90 days.',
        ),
    })
    .optional(),
});

const WaveParams = z.object({ id: z.uuid() });

/** Operators plan, launch and watch reset waves. */
@ApiTags('waves')
@ApiBearerAuth('operator')
@Controller('operator/waves')
export class WavesController {
  constructor(
    private readonly createWave: CreateWave,
    private readonly requestLaunch: RequestWaveLaunch,
    private readonly queries: WaveQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireScopes('waves:write')
  @ApiOperation({ summary: 'Plan a wave (a new campaign is created when campaignId is left out)' })
  @ApiBody({ schema: z.toJSONSchema(CreateWaveBody, { io: 'input' }) as object })
  async create(@Body() body: unknown, @Actor() actor: OperatorActor): Promise<WaveView> {
    const { enrolmentPolicy, ...command } = parseBody(CreateWaveBody, body);
    const wave = await this.createWave.execute({
      ...command,
      ...(enrolmentPolicy ? { enrolmentPolicy: enrolmentPolicyOf(enrolmentPolicy) } : {}),
      noticeAt: new Date(command.noticeAt),
      startsAt: new Date(command.startsAt),
      cutoffAt: new Date(command.cutoffAt),
      actor: { subject: actor.subject, role: 'operator' },
    });
    // The new wave's id is known only now: the request's span and log line carry it too.
    tagJourney({ waveId: wave.id });
    return view(wave);
  }

  @Post(':id/launch')
  @HttpCode(202)
  @RequireScopes('waves:write')
  @ApiOperation({
    summary:
      'Launch a planned wave: its cohort is snapshotted into journeys in the background; ' +
      'GET the wave until its status is launched',
  })
  async launch(@Param() params: unknown, @Actor() actor: OperatorActor): Promise<WaveView> {
    const { id } = parseBody(WaveParams, params);
    return view(await this.requestLaunch.execute(id, { subject: actor.subject, role: 'operator' }));
  }

  @Get()
  @RequireScopes('waves:read')
  @ApiOperation({ summary: 'Waves, newest first, with journey counts' })
  async list(): Promise<WaveView[]> {
    return (await this.queries.all()).map(({ wave, progress }) => view(wave, progress));
  }

  @Get(':id')
  @RequireScopes('waves:read')
  @ApiOperation({ summary: 'One wave with journey counts by status and segment' })
  async one(@Param() params: unknown): Promise<WaveView> {
    const { wave, progress } = await this.queries.one(parseBody(WaveParams, params).id);
    return view(wave, progress);
  }
}

interface WaveView {
  id: string;
  campaignId: string;
  name: string;
  status: string;
  cohort: Wave['cohort'];
  noticeAt: string;
  startsAt: string;
  cutoffAt: string;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
  /** As planned; absent when the wave takes the defaults. */
  enrolmentPolicy?: {
    minimumAssurance?: WaveEnrolmentPolicy['minimumAssurance'];
    passwordBridgeEndsAt?: string;
  };
  createdBy: string;
  launchedBy?: string;
  launchRequestedAt?: string;
  launchedAt?: string;
  /** Once launched: journeys created; the snapshot says who was left out, and why. */
  accountCount?: number;
  snapshot?: CohortSnapshot;
  progress?: WaveProgress;
}

function view(wave: Wave, progress?: WaveProgress): WaveView {
  return {
    id: wave.id,
    campaignId: wave.campaignId,
    name: wave.name,
    status: wave.status,
    cohort: wave.cohort,
    noticeAt: wave.noticeAt.toISOString(),
    startsAt: wave.startsAt.toISOString(),
    cutoffAt: wave.cutoffAt.toISOString(),
    pacePerSecond: wave.pacePerSecond,
    linkLifetimeMinutes: wave.linkLifetimeMinutes,
    ...(wave.enrolmentPolicy ? { enrolmentPolicy: policyView(wave.enrolmentPolicy) } : {}),
    createdBy: wave.createdBy.subject,
    ...(wave.launchedBy ? { launchedBy: wave.launchedBy.subject } : {}),
    ...(wave.launchRequestedAt ? { launchRequestedAt: wave.launchRequestedAt.toISOString() } : {}),
    ...(wave.launchedAt ? { launchedAt: wave.launchedAt.toISOString() } : {}),
    ...(wave.snapshot ? { accountCount: wave.snapshot.accountCount, snapshot: wave.snapshot } : {}),
    ...(progress ? { progress } : {}),
  };
}

function enrolmentPolicyOf(
  body: NonNullable<z.output<typeof CreateWaveBody>['enrolmentPolicy']>,
): WaveEnrolmentPolicy {
  return {
    ...(body.minimumAssurance ? { minimumAssurance: body.minimumAssurance } : {}),
    ...(body.passwordBridgeEndsAt ? { passwordBridgeEndsAt: new Date(body.passwordBridgeEndsAt) } : {}),
  };
}

function policyView(policy: WaveEnrolmentPolicy): NonNullable<WaveView['enrolmentPolicy']> {
  return {
    ...(policy.minimumAssurance ? { minimumAssurance: policy.minimumAssurance } : {}),
    ...(policy.passwordBridgeEndsAt
      ? { passwordBridgeEndsAt: policy.passwordBridgeEndsAt.toISOString() }
      : {}),
  };
}
