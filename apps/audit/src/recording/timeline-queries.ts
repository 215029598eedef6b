import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TimelineEntry {
  sequence: number;
  eventId: string;
  type: string;
  source: string;
  journeyId: string | null;
  occurredAt: string;
  data: unknown;
}

/** Reads one account's recorded events, in the order the log received them. */
@Injectable()
export class TimelineQueries {
  constructor(private readonly dataSource: DataSource) {}

  async timeline(legacyAccountId: string, after: number, limit: number): Promise<TimelineEntry[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT sequence, event_id, event_type, source, journey_id, occurred_at, data FROM audit_event
       WHERE subject = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [legacyAccountId, after, limit],
    );
    return rows.map((row) => ({
      sequence: Number(row['sequence']),
      eventId: String(row['event_id']),
      type: String(row['event_type']),
      source: String(row['source']),
      journeyId: (row['journey_id'] as string | null) ?? null,
      occurredAt: (row['occurred_at'] as Date).toISOString(),
      data: row['data'],
    }));
  }
}
