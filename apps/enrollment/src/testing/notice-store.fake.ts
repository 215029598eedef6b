import type { SignInMethodNotice } from '../notices/domain/sign-in-method-notice';
import type { NoticeStore } from '../notices/notice-store.port';

interface StoredNotice {
  notice: SignInMethodNotice;
  leaseUntil?: Date;
  sentAt?: Date;
}

/** Queued notices in memory, claimed under a lease as the PostgreSQL store claims them. */
export class NoticeStoreFake implements NoticeStore {
  private readonly notices: StoredNotice[] = [];

  queue(notice: SignInMethodNotice): void {
    this.notices.push({ notice });
  }

  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<SignInMethodNotice[]> {
    const due = this.notices
      .filter((stored) => !stored.sentAt && (!stored.leaseUntil || stored.leaseUntil <= now))
      .slice(0, limit);
    for (const stored of due) stored.leaseUntil = leaseUntil;
    return Promise.resolve(due.map((stored) => stored.notice));
  }

  markSent(noticeIds: string[], sentAt: Date): Promise<void> {
    for (const stored of this.notices) {
      if (noticeIds.includes(stored.notice.id)) stored.sentAt = sentAt;
    }
    return Promise.resolve();
  }

  unsentIds(): string[] {
    return this.notices.filter((stored) => !stored.sentAt).map((stored) => stored.notice.id);
  }
}
