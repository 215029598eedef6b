import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, maskContact, ResetNoticeSentV1 } from '@rekey/contracts';
import { deliveryFailureFields, NOTIFIER, type Notifier } from '@rekey/notifications';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { advanceNotice } from '../notifications/domain/advance-notice';
import type { MessageContent } from '../notifications/domain/message-content';
import { messageTo } from '../notifications/domain/outgoing-message';
import { reminder } from '../notifications/domain/reminder';
import { eventCauseOf, inCausedStep } from '../shared/work-cause';
import { noticeChannel } from './domain/notice-plan';
import { SCHEDULER_LOG, type IssuanceSettings, type SchedulerLog } from './issuance-settings';
import { NOTICE_STORE, type DueNotice, type NoticeStore, type SentNotice } from './notice-store.port';
import { sendConcurrently } from './send-concurrently';

/**
 * Sends one batch of due advance notices and reminders: claim under a lease (short transaction),
 * send, then mark sent with ResetNoticeSentV1 in one transaction. A crash between the send and
 * the mark means the notice is sent again once the lease runs out: at most a duplicate within
 * the crash window, never a missed notice — for a notice, a duplicate is the lesser harm.
 */
@Injectable()
export class SendDueNotices {
  constructor(
    @Inject(NOTICE_STORE) private readonly store: NoticeStore,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
    @Inject(SCHEDULER_LOG) private readonly log: SchedulerLog,
  ) {}

  /** Returns how many notices it claimed. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.settings.DELIVERY_LEASE_SECONDS * 1000);
    const due = await this.store.claimDue(now, this.settings.ISSUANCE_BATCH_SIZE, leaseUntil);
    if (due.length === 0) return 0;
    // One batch can serve several waves: its span links to each launch, and each notice's event
    // names its own wave's launch as its cause.
    const causes = [...new Map(due.map((notice) => [notice.waveId, notice.cause])).values()];
    await inCausedStep('send due notices', causes, {}, () => this.send(due, now));
    return due.length;
  }

  private async send(due: DueNotice[], now: Date): Promise<void> {
    const sendable = due.flatMap((notice) => {
      const channel = noticeChannel(notice, now);
      return channel ? [{ notice, channel }] : [];
    });
    const sendableIds = new Set(sendable.map(({ notice }) => notice.id));
    await this.store.markSkipped(
      due.filter((notice) => !sendableIds.has(notice.id)).map((notice) => notice.id),
    );

    const sender = { resetBaseUrl: this.settings.RESET_BASE_URL };
    const sent = await sendConcurrently(
      sendable,
      this.settings.SEND_CONCURRENCY,
      // One Message-ID per notice: a notice retried after its lease replaces its first copy.
      ({ notice, channel }) =>
        this.notifier.send(
          messageTo(channel, contentOf(notice, sender), `notice-${notice.kind}-${notice.id}`),
        ),
      ({ notice }, error) =>
        this.log.warn(
          { ...deliveryFailureFields(error), noticeId: notice.id, journeyId: notice.journeyId },
          'notice not sent; it will be retried after its lease',
        ),
    );
    const sentAt = this.clock.now();
    await this.store.markSent(
      sent.map(({ notice, channel }): SentNotice => ({ id: notice.id, channel })),
      sentAt,
      sent.map(({ notice, channel }) =>
        createEvent(
          ResetNoticeSentV1,
          {
            legacyAccountId: notice.legacyAccountId,
            waveId: notice.waveId,
            journeyId: notice.journeyId,
            noticeId: notice.id,
            kind: notice.kind,
            channel: maskContact(channel.kind, channel.value),
          },
          {
            source: 'reset-issuance',
            subject: notice.legacyAccountId,
            journeyId: notice.journeyId,
            ...causationOf(notice),
          },
          () => sentAt,
        ),
      ),
    );
  }
}

function causationOf(notice: DueNotice): { correlationId?: string; causationId?: string } {
  const cause = eventCauseOf(notice.cause);
  return cause ? { correlationId: cause.correlationId, causationId: cause.eventId } : {};
}

function contentOf(notice: DueNotice, sender: { resetBaseUrl: string }): MessageContent {
  return notice.kind === 'advance_notice' ? advanceNotice(sender, notice) : reminder(sender, notice);
}
