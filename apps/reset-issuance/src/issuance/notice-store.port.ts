import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import type { WorkCause } from '../shared/work-cause';
import type { JourneyStatus } from '../journeys/domain/journey-status';

export const NOTICE_STORE = Symbol('NoticeStore');

export type NoticeKind = 'advance_notice' | 'reminder';

export interface DueNotice {
  id: string;
  kind: NoticeKind;
  journeyId: string;
  waveId: string;
  legacyAccountId: string;
  journeyStatus: JourneyStatus;
  startsAt: Date;
  cutoffAt: Date;
  contacts: VerifiedContact[];
  /** What launched the notice's wave. */
  cause: WorkCause | null;
}

export interface SentNotice {
  id: string;
  channel: VerifiedContact;
}

/** Advance notices and reminders, claimed under a lease so replicas never send the same one at once. */
export interface NoticeStore {
  /** Claims due, unsent notices of accounts not on hold, each until `leaseUntil`. */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<DueNotice[]>;
  markSent(sent: SentNotice[], now: Date, events: RekeyEvent[]): Promise<void>;
  markSkipped(noticeIds: string[]): Promise<void>;
}
