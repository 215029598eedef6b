import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { TimelineQueries, type TimelineEntry } from './timeline-queries';

const TimelineQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

type TimelinePage = { entries: TimelineEntry[]; next: number | null };

function pageOf(entries: TimelineEntry[], limit: number): TimelinePage {
  const last = entries.at(-1);
  return { entries, next: entries.length === limit && last ? last.sequence : null };
}

const afterQuery = {
  name: 'after',
  required: false,
  description: 'Return entries after this sequence number.',
};
const limitQuery = {
  name: 'limit',
  required: false,
  description: 'At most this many entries (1–500, default 100).',
};

/** Every recorded event about one legacy account, in the order the log received them. */
@ApiTags('timeline')
@ApiBearerAuth('operator')
@Controller('operator/accounts')
@RequireScopes('audit:read')
export class TimelineController {
  constructor(private readonly queries: TimelineQueries) {}

  @Get(':legacyAccountId/events')
  @ApiOperation({ summary: "One account's timeline, paged by sequence" })
  @ApiQuery(afterQuery)
  @ApiQuery(limitQuery)
  async timeline(
    @Param('legacyAccountId') legacyAccountId: string,
    @Query() query: unknown,
  ): Promise<TimelinePage> {
    const { after, limit } = parseBody(TimelineQuery, query);
    return pageOf(await this.queries.accountTimeline(legacyAccountId, after, limit), limit);
  }
}

/** Every step of one journey: its service, type, time, actor and trace id. */
@ApiTags('timeline')
@ApiBearerAuth('operator')
@Controller('operator/journeys')
@RequireScopes('audit:read')
export class JourneyTimelineController {
  constructor(private readonly queries: TimelineQueries) {}

  @Get(':journeyId/events')
  @ApiOperation({ summary: "One journey's timeline, paged by sequence" })
  @ApiQuery(afterQuery)
  @ApiQuery(limitQuery)
  async timeline(
    @Param('journeyId', ParseUUIDPipe) journeyId: string,
    @Query() query: unknown,
  ): Promise<TimelinePage> {
    const { after, limit } = parseBody(TimelineQuery, query);
    return pageOf(await this.queries.journeyTimeline(journeyId, after, limit), limit);
  }
}
