import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { PreparedLink } from './domain/issuance';
import { ISSUANCE_STORE, type IssuanceStore, type IssuingWave } from './issuance-store.port';
import type { IssuanceSettings } from './issuance-settings';
import { TOKEN_SEALER } from './link-sealing-key';
import { planLinks } from './prepare-links';
import type { TokenSealer } from '../tokens/domain/sealed-token';

/** One paced batch of a wave's first links, committed; the caller delivers them. */
@Injectable()
export class IssueWaveLinks {
  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
    @Inject(TOKEN_SEALER) private readonly sealer: TokenSealer,
  ) {}

  wavesIssuing(): Promise<IssuingWave[]> {
    return this.store.wavesIssuing(this.clock.now());
  }

  async execute(wave: IssuingWave): Promise<PreparedLink[]> {
    const now = this.clock.now();
    let links: PreparedLink[] = [];
    await this.store.issueForWave(wave, now, this.settings.ISSUANCE_BATCH_SIZE, (targets) => {
      const planned = planLinks(targets, 'wave', now, { clock: this.clock, sealer: this.sealer });
      links = planned.links;
      return planned.plan;
    });
    return links;
  }
}
