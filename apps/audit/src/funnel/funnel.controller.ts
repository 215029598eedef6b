import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import type { KnownWave } from './adapters/funnel-counts.sql';
import type { Funnel } from './domain/funnel';
import { FunnelAnswer, KnownWavesAnswer } from './funnel.openapi';
import { ReadWaveFunnel } from './read-wave-funnel';

const FunnelQuery = z.object({ wave: z.uuid() });

/** The migration funnel of a wave, from the audit log: linked → … → legacy revoked (migrated). */
@ApiTags('funnel')
@ApiBearerAuth('operator')
@Controller('operator/funnel')
@RequireScopes('audit:read')
export class FunnelController {
  constructor(private readonly readWaveFunnel: ReadWaveFunnel) {}

  @Get()
  @ApiOperation({
    summary: "A wave's migration funnel, overall and by segment",
    description:
      'Journeys per step, conversion from each step to the next, abandonment (final once the wave is past its cutoff), step-up against those who needed it, and the time from link issued to migrated (p50, p90).',
  })
  @ApiQuery({ name: 'wave', required: true, description: 'The wave id.' })
  @ApiOkResponse({ schema: z.toJSONSchema(FunnelAnswer) as object })
  async funnel(@Query() query: unknown): Promise<Funnel> {
    const { wave } = parseBody(FunnelQuery, query);
    return this.readWaveFunnel.execute(wave);
  }

  @Get('waves')
  @ApiOperation({ summary: 'The waves audit has recorded, with their journeys' })
  @ApiOkResponse({ schema: z.toJSONSchema(KnownWavesAnswer) as object })
  async waves(): Promise<{ waves: KnownWave[] }> {
    return { waves: await this.readWaveFunnel.knownWaves() };
  }
}
