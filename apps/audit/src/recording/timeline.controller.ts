import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { TimelineQueries, type TimelineEntry } from './timeline-queries';

const TimelineQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Every recorded event about one legacy account, in the order the log received them. */
@ApiTags('timeline')
@ApiBearerAuth('operator')
@Controller('operator/accounts')
@RequireScopes('audit:read')
export class TimelineController {
  constructor(private readonly queries: TimelineQueries) {}

  @Get(':legacyAccountId/events')
  @ApiOperation({ summary: "One account's timeline, paged by sequence" })
  @ApiQuery({ name: 'after', required: false, description: 'Return entries after this sequence number.' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'At most this many entries (1–500, default 100).',
  })
  async timeline(
    @Param('legacyAccountId') legacyAccountId: string,
    @Query() query: unknown,
  ): Promise<{ entries: TimelineEntry[]; next: number | null }> {
    const { after, limit } = parseBody(TimelineQuery, query);
    const entries = await this.queries.timeline(legacyAccountId, after, limit);
    const last = entries.at(-1);
    return { entries, next: entries.length === limit && last ? last.sequence : null };
  }
}
