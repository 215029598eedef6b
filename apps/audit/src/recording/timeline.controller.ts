import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const TimelineQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

interface TimelineEntry {
  sequence: number;
  eventId: string;
  type: string;
  source: string;
  journeyId: string | null;
  occurredAt: string;
  data: unknown;
}

/** Every recorded event about one legacy account, in the order the log received them. */
@ApiTags('timeline')
@ApiBearerAuth('operator')
@Controller('operator/accounts')
@RequireScopes('audit:read')
export class TimelineController {
  constructor(private readonly dataSource: DataSource) {}

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
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT sequence, event_id, event_type, source, journey_id, occurred_at, data FROM audit_event
       WHERE subject = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [legacyAccountId, after, limit],
    );
    const entries = rows.map((row) => ({
      sequence: Number(row['sequence']),
      eventId: String(row['event_id']),
      type: String(row['event_type']),
      source: String(row['source']),
      journeyId: (row['journey_id'] as string | null) ?? null,
      occurredAt: (row['occurred_at'] as Date).toISOString(),
      data: row['data'],
    }));
    return { entries, next: entries.length === limit ? entries[entries.length - 1]!.sequence : null };
  }
}
