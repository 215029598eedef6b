import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EnrolledMethod } from '../../enrolments/domain/enrolment';
import type { SignInMethodNotice } from '../domain/sign-in-method-notice';
import type { NoticeStore } from '../notice-store.port';

interface NoticeRow {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  methods: EnrolledMethod[];
  added_at: Date;
}

@Injectable()
export class PgNoticeStore implements NoticeStore {
  constructor(private readonly dataSource: DataSource) {}

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<SignInMethodNotice[]> {
    // SKIP LOCKED: replicas claiming together take different notices instead of waiting.
    const [rows] = (await this.dataSource.query(
      `UPDATE sign_in_method_notice SET lease_until = $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM sign_in_method_notice
                      WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until <= $1)
                      ORDER BY added_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, channel, recipient, methods, added_at`,
      [now, leaseUntil, limit],
    )) as [NoticeRow[], number];
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      recipient: row.recipient,
      methods: row.methods,
      addedAt: row.added_at,
    }));
  }

  async markSent(noticeIds: string[], sentAt: Date): Promise<void> {
    if (noticeIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE sign_in_method_notice SET sent_at = $2, lease_until = NULL WHERE id = ANY($1::uuid[])`,
      [noticeIds, sentAt],
    );
  }
}
