import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import type { DueNotice, NoticeKind, NoticeStore, SentNotice } from '../issuance/notice-store.port';
import type { WorkCause } from '../shared/work-cause';
import type { JourneyStatus } from '../journeys/domain/journey-status';

export interface FakeNoticeJourney {
  journeyId: string;
  waveId: string;
  legacyAccountId: string;
  status: JourneyStatus;
  startsAt: Date;
  cutoffAt: Date;
  contacts: VerifiedContact[];
  cause?: WorkCause | null;
}

export interface FakeStoredNotice {
  id: string;
  kind: NoticeKind;
  journeyId: string;
  dueAt: Date;
  status: 'pending' | 'sent' | 'skipped';
  claimedUntil?: Date;
  sentAt?: Date;
  channelKind?: VerifiedContact['kind'];
}

/**
 * Advance notices and reminders in memory, honouring the PostgreSQL adapter's contract
 * (notice-store.contract.ts): claims under a lease, held accounts left out, each notice marked
 * sent (and its event stored) once.
 */
export class FakeNoticeStore implements NoticeStore {
  private readonly journeys = new Map<string, FakeNoticeJourney>();
  private readonly held = new Set<string>();
  readonly notices: FakeStoredNotice[] = [];
  /** Every stored event, in order. */
  readonly events: RekeyEvent[] = [];

  addJourney(journey: FakeNoticeJourney): void {
    this.journeys.set(journey.journeyId, { ...journey });
  }

  addNotice(notice: { id: string; kind: NoticeKind; journeyId: string; dueAt: Date }): void {
    if (this.notices.some((stored) => stored.journeyId === notice.journeyId && stored.kind === notice.kind)) {
      throw new Error(`journey ${notice.journeyId} already has a ${notice.kind}`);
    }
    this.notices.push({ ...notice, status: 'pending' });
  }

  hold(legacyAccountId: string): void {
    this.held.add(legacyAccountId);
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<DueNotice[]> {
    const due = this.notices
      .filter((notice) => notice.status === 'pending' && notice.dueAt <= now)
      .filter((notice) => !notice.claimedUntil || notice.claimedUntil < now)
      .filter((notice) => !this.held.has(this.journeyOf(notice).legacyAccountId))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit);
    return due.map((notice) => {
      notice.claimedUntil = leaseUntil;
      const journey = this.journeyOf(notice);
      return {
        id: notice.id,
        kind: notice.kind,
        journeyId: journey.journeyId,
        waveId: journey.waveId,
        legacyAccountId: journey.legacyAccountId,
        journeyStatus: journey.status,
        startsAt: journey.startsAt,
        cutoffAt: journey.cutoffAt,
        contacts: structuredClone(journey.contacts),
        cause: journey.cause ?? null,
      };
    });
  }

  async markSent(sent: SentNotice[], now: Date, events: RekeyEvent[]): Promise<void> {
    const marked = new Set<string>();
    for (const { id, channel } of sent) {
      const notice = this.notices.find((candidate) => candidate.id === id && candidate.status === 'pending');
      if (!notice) continue;
      Object.assign(notice, { status: 'sent', sentAt: now, channelKind: channel.kind });
      marked.add(id);
    }
    // As the adapter: only the events of notices this call marked, found by their noticeId.
    this.events.push(...events.filter((event) => marked.has((event.data as { noticeId: string }).noticeId)));
  }

  async markSkipped(noticeIds: string[]): Promise<void> {
    for (const notice of this.notices) {
      if (noticeIds.includes(notice.id) && notice.status === 'pending') notice.status = 'skipped';
    }
  }

  private journeyOf(notice: FakeStoredNotice): FakeNoticeJourney {
    const journey = this.journeys.get(notice.journeyId);
    if (!journey) throw new Error(`notice ${notice.id} has no journey ${notice.journeyId}`);
    return journey;
  }
}
