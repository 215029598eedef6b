import { Injectable } from '@nestjs/common';
import { AuditLogReader } from '../chain/audit-log-reader';
import type { ChainedRecord, RecordActor } from '../chain/domain/audit-record';

export interface TimelineEntry {
  sequence: number;
  eventId: string;
  type: string;
  /** The service that published the step. */
  source: string;
  journeyId: string | null;
  occurredAt: string;
  /** Who acted, for operator, support and security actions. */
  actor: RecordActor | null;
  traceId: string | null;
  data: unknown;
}

/** Reads one account's or one journey's recorded events, in the order the log received them. */
@Injectable()
export class TimelineQueries {
  constructor(private readonly reader: AuditLogReader) {}

  async accountTimeline(legacyAccountId: string, after: number, limit: number): Promise<TimelineEntry[]> {
    return (await this.reader.page(after, limit, 'subject = $3', [legacyAccountId])).map(entryOf);
  }

  async journeyTimeline(journeyId: string, after: number, limit: number): Promise<TimelineEntry[]> {
    return (await this.reader.page(after, limit, 'journey_id = $3', [journeyId])).map(entryOf);
  }
}

function entryOf(record: ChainedRecord): TimelineEntry {
  return {
    sequence: record.sequence,
    eventId: record.eventId,
    type: record.type,
    source: record.source,
    journeyId: record.journeyId,
    occurredAt: record.occurredAt,
    actor: record.actor,
    traceId: record.traceId,
    data: record.data,
  };
}
