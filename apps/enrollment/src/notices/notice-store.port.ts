import type { SignInMethodNotice } from './domain/sign-in-method-notice';

export const NOTICE_STORE = Symbol('NoticeStore');

/** Queued sign-in method notices, claimed under a lease so that no two senders send one at once. */
export interface NoticeStore {
  /** Claims unsent notices whose lease (if any) ran out, oldest first, each until `leaseUntil`. */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<SignInMethodNotice[]>;
  markSent(noticeIds: string[], sentAt: Date): Promise<void>;
}
