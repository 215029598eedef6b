import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { TokenSealer } from '../tokens/domain/sealed-token';
import { deliveryChannel } from './domain/delivery-channel';
import type { DeliverableLink } from './domain/issuance';
import { ISSUANCE_STORE, type IssuanceStore, type UndeliveredLink } from './issuance-store.port';
import { SCHEDULER_LOG, type IssuanceSettings, type SchedulerLog } from './issuance-settings';
import { TOKEN_SEALER } from './link-sealing-key';
import { planLinks } from './prepare-links';

/**
 * A link committed but not recorded delivered after the lease: its sender died, maybe after
 * handing the message over, or the transport refused it. It is sent again with the same token,
 * opened from its sealed copy, under the same Message-ID, so that whichever copy the customer
 * opens works. Only a link without a usable sealed copy (issued before links were sealed, or
 * sealed with another key) is replaced by a new one, as a link past its lifetime is only on the
 * customer's own request.
 */
@Injectable()
export class ResendUndeliveredLinks {
  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
    @Inject(TOKEN_SEALER) private readonly sealer: TokenSealer,
    @Inject(SCHEDULER_LOG) private readonly log: SchedulerLog,
  ) {}

  async execute(): Promise<DeliverableLink[]> {
    const now = this.clock.now();
    const lease = this.settings.DELIVERY_LEASE_SECONDS;
    const batch = this.settings.ISSUANCE_BATCH_SIZE;
    const undelivered = await this.store.claimUndelivered(now, lease, batch);
    const resent: DeliverableLink[] = [];
    const unopened: string[] = [];
    for (const link of undelivered) {
      const token = this.sealer.open(link.sealedToken, link.tokenHash);
      if (token === undefined) unopened.push(link.issuanceId);
      else {
        const deliverable = resendable(link, token);
        // Without a verified contact any more, it waits for the next lease like a refused send.
        if (deliverable) resent.push(deliverable);
      }
    }
    if (unopened.length > 0) {
      this.log.warn(
        { links: unopened.length },
        'sealed links did not open with this key (LINK_SEALING_KEY changed?); they get new links',
      );
      await this.store.forgetSealedTokens(unopened);
    }
    let replacements: DeliverableLink[] = [];
    await this.store.replaceUndelivered(now, lease, batch, (targets) => {
      // "wave" keeps the funnel counts readable: it is the wave's (or the request's) link, again.
      const planned = planLinks(targets, 'wave', now, { clock: this.clock, sealer: this.sealer });
      replacements = planned.links;
      return planned.plan;
    });
    return [...resent, ...replacements];
  }
}

function resendable(link: UndeliveredLink, token: string): DeliverableLink | undefined {
  // The contact it went to, if the account still has it; else where a new link would go.
  const channel =
    link.contacts.find((contact) => contact.kind === link.channelKind) ?? deliveryChannel(link.contacts);
  if (!channel) return undefined;
  return {
    token,
    issuance: { id: link.issuanceId, journeyId: link.journeyId, channel, expiresAt: link.expiresAt },
  };
}
