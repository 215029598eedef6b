import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { deliveryFailureFields, NOTIFIER, type Notifier } from '@rekey/notifications';
import { messageTo } from '../notifications/domain/outgoing-message';
import { resetLinkMessage } from '../notifications/domain/reset-link-message';
import type { PreparedLink } from './domain/issuance';
import { ISSUANCE_STORE, type IssuanceStore } from './issuance-store.port';
import { SCHEDULER_LOG, type IssuanceSettings, type SchedulerLog } from './issuance-settings';
import { sendConcurrently } from './send-concurrently';

/**
 * Sends committed links, then records them delivered. A link that fails, or whose sender dies
 * before this, stays undelivered: after the lease it is replaced by a new one and sent again.
 */
@Injectable()
export class DeliverLinks {
  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
    @Inject(SCHEDULER_LOG) private readonly log: SchedulerLog,
  ) {}

  async execute(links: PreparedLink[]): Promise<number> {
    const sender = { resetBaseUrl: this.settings.RESET_BASE_URL };
    const sent = await sendConcurrently(
      links,
      this.settings.SEND_CONCURRENCY,
      ({ issuance, token }) =>
        this.notifier.send(messageTo(issuance.channel, resetLinkMessage(sender, token, issuance.expiresAt))),
      ({ issuance }, error) =>
        this.log.warn(
          { ...deliveryFailureFields(error), issuanceId: issuance.id, journeyId: issuance.journeyId },
          'reset link not sent; it will be replaced after the delivery lease',
        ),
    );
    await this.store.markDelivered(
      sent.map((link) => link.issuance.id),
      this.clock.now(),
    );
    return sent.length;
  }
}
