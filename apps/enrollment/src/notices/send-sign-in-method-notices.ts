import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { deliveryFailureFields, NOTIFIER, type Notifier } from '@rekey/notifications';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { signInMethodNoticeMessage } from './domain/sign-in-method-notice';
import { NOTICE_STORE, type NoticeStore } from './notice-store.port';
import type { NoticesConfig } from './notices.environment';

/**
 * Sends one batch of queued notices: claim under a lease, send, mark sent. A crash between the
 * send and the mark sends the notice again once its lease ran out, as the same message (its id
 * comes from the notice): the file adapter overwrites its file, a mail client threads it as one.
 */
@Injectable()
export class SendSignInMethodNotices {
  constructor(
    @Inject(NOTICE_STORE) private readonly store: NoticeStore,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NoticesConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Returns how many notices it claimed. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.NOTICE_LEASE_SECONDS * 1000);
    const due = await this.store.claimDue(now, this.config.NOTICE_BATCH_SIZE, leaseUntil);
    const sent: string[] = [];
    for (const notice of due) {
      try {
        await this.notifier.send(signInMethodNoticeMessage(notice));
        sent.push(notice.id);
      } catch (error) {
        // Never the recipient or the text: the failure's class, and which notice to look at.
        this.logger.warn(
          { ...deliveryFailureFields(error), noticeId: notice.id },
          'sign-in method notice not sent; it will be retried after its lease',
        );
      }
    }
    await this.store.markSent(sent, this.clock.now());
    return due.length;
  }
}
