import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { PreparedLink } from './domain/issuance';
import { ISSUANCE_STORE, type IssuanceStore } from './issuance-store.port';
import type { IssuanceSettings } from './issuance-settings';
import { planLinks } from './prepare-links';

/**
 * A link committed but never recorded delivered means its sender died between commit and send
 * (or the transport failed): its token exists nowhere any more. After the lease it is superseded
 * by a new link, which is sent instead, so every account ends with one live, delivered link.
 */
@Injectable()
export class ReplaceUndeliveredLinks {
  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
  ) {}

  async execute(): Promise<PreparedLink[]> {
    const now = this.clock.now();
    let links: PreparedLink[] = [];
    await this.store.replaceUndelivered(
      now,
      this.settings.DELIVERY_LEASE_SECONDS,
      this.settings.ISSUANCE_BATCH_SIZE,
      (targets) => {
        // The replacement keeps the trigger of the link it replaces only in spirit: it is the
        // wave's (or the request's) link, sent again; "wave" keeps the funnel counts readable.
        const planned = planLinks(targets, 'wave', now, this.clock);
        links = planned.links;
        return planned.plan;
      },
    );
    return links;
  }
}
