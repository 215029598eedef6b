import { Injectable } from '@nestjs/common';
import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import type { JourneyStatus } from '../../journeys/domain/journey-status';
import type { DueNotice, NoticeKind, NoticeStore, SentNotice } from '../notice-store.port';
import { NOT_HELD } from './link-target-row';

interface DueNoticeRow {
  id: string;
  kind: NoticeKind;
  journey_id: string;
  wave_id: string;
  legacy_account_id: string;
  journey_status: JourneyStatus;
  starts_at: Date;
  cutoff_at: Date;
  verified_contacts: VerifiedContact[];
  launch_cause: DueNotice['cause'];
}

@Injectable()
export class PgNoticeStore implements NoticeStore {
  constructor(private readonly dataSource: DataSource) {}

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<DueNotice[]> {
    const [rows]: [DueNoticeRow[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT n.id FROM notice n
         WHERE n.status = 'pending' AND n.due_at <= $1 AND (n.claimed_until IS NULL OR n.claimed_until < $1)
           AND ${NOT_HELD('n.legacy_account_id')}
         ORDER BY n.due_at LIMIT $2 FOR UPDATE OF n SKIP LOCKED)
       UPDATE notice n SET claimed_until = $3
       FROM due, journey j, wave w, eligible_account e
       WHERE n.id = due.id AND j.id = n.journey_id AND w.id = n.wave_id AND e.legacy_account_id = n.legacy_account_id
       RETURNING n.id, n.kind, n.journey_id, n.wave_id, n.legacy_account_id, j.status AS journey_status,
         w.starts_at, w.cutoff_at, e.verified_contacts, w.launch_cause`,
      [now, limit, leaseUntil],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      journeyId: row.journey_id,
      waveId: row.wave_id,
      legacyAccountId: row.legacy_account_id,
      journeyStatus: row.journey_status,
      startsAt: row.starts_at,
      cutoffAt: row.cutoff_at,
      contacts: row.verified_contacts,
      cause: row.launch_cause,
    }));
  }

  async markSent(sent: SentNotice[], now: Date, events: RekeyEvent[]): Promise<void> {
    if (sent.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      // Only rows still pending: if a lease ran out and another replica sent too, one event is enough.
      const [rows]: [Array<{ id: string }>, number] = await manager.query(
        `UPDATE notice n SET status = 'sent', sent_at = $3, channel_kind = x.kind
         FROM unnest($1::uuid[], $2::text[]) AS x (id, kind)
         WHERE n.id = x.id AND n.status = 'pending' RETURNING n.id`,
        [sent.map((notice) => notice.id), sent.map((notice) => notice.channel.kind), now],
      );
      const marked = new Set(rows.map((row) => row.id));
      await appendToOutbox(
        manager,
        events.filter((event) => marked.has((event.data as { noticeId: string }).noticeId)),
      );
    });
  }

  async markSkipped(noticeIds: string[]): Promise<void> {
    if (noticeIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE notice SET status = 'skipped' WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [noticeIds],
    );
  }
}
