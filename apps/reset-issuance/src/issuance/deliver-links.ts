import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { deliveryFailureFields, NOTIFIER, type Notifier } from '@rekey/notifications';
import { messageTo } from '../notifications/domain/outgoing-message';
import { resetLinkMessage, resetLinkMessageId } from '../notifications/domain/reset-link-message';
import { DeliveryWindow } from './delivery-window';
import type { DeliverableLink } from './domain/issuance';
import { ISSUANCE_STORE, type IssuanceStore } from './issuance-store.port';
import { SCHEDULER_LOG, type IssuanceSettings, type SchedulerLog } from './issuance-settings';
import { sendConcurrently } from './send-concurrently';

/**
 * Sends committed links and records them delivered, through one window per replica: at most
 * DELIVERY_MAX_IN_FLIGHT links are handed to the transport and not yet recorded, so a crash leaves
 * at most that many possibly sent. Those, and links that failed, are sent again after the lease
 * with the same token and Message-ID (ResendUndeliveredLinks).
 */
@Injectable()
export class DeliverLinks {
  private readonly window: DeliveryWindow;

  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
    @Inject(SCHEDULER_LOG) private readonly log: SchedulerLog,
  ) {
    this.window = new DeliveryWindow(
      settings.DELIVERY_MAX_IN_FLIGHT,
      (issuanceIds) => this.store.markDelivered(issuanceIds, this.clock.now()),
      (error, issuanceIds) =>
        this.log.warn(
          { error: (error as Error).message, links: issuanceIds.length },
          'recording deliveries failed; the lease will resend the same links',
        ),
    );
  }

  async execute(links: DeliverableLink[]): Promise<number> {
    const sender = { resetBaseUrl: this.settings.RESET_BASE_URL };
    const sent = await sendConcurrently(
      links,
      this.settings.SEND_CONCURRENCY,
      ({ issuance, token }) =>
        this.window.send(issuance.id, () =>
          this.notifier.send(
            messageTo(
              issuance.channel,
              resetLinkMessage(sender, token, issuance.expiresAt),
              resetLinkMessageId(issuance),
            ),
          ),
        ),
      ({ issuance }, error) =>
        this.log.warn(
          { ...deliveryFailureFields(error), issuanceId: issuance.id, journeyId: issuance.journeyId },
          'reset link not sent; it will be sent again after the delivery lease',
        ),
    );
    await this.window.flush();
    return sent.length;
  }
}
