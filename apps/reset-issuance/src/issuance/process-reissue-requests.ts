import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { PreparedLink } from './domain/issuance';
import { decideReissue, type ReissueOutcome } from './domain/reissue-policy';
import { ISSUANCE_STORE, type IssuanceStore } from './issuance-store.port';
import type { IssuanceSettings } from './issuance-settings';
import { TOKEN_SEALER } from './link-sealing-key';
import { planLinks } from './prepare-links';
import type { TokenSealer } from '../tokens/domain/sealed-token';

/** Which outcome a request keeps when its address resolved to several accounts. */
const PRECEDENCE: ReissueOutcome[] = ['issued', 'cooldown', 'held', 'no_channel', 'not_open', 'unknown'];

/**
 * Resolves "send me a new link" requests: each known, open, unheld journey past its cooldown
 * gets a new link (trigger `reissue`) superseding the old one; anything else is dropped silently.
 */
@Injectable()
export class ProcessReissueRequests {
  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
    @Inject(TOKEN_SEALER) private readonly sealer: TokenSealer,
  ) {}

  async execute(): Promise<{ requests: number; links: PreparedLink[] }> {
    const now = this.clock.now();
    let links: PreparedLink[] = [];
    const { requests } = await this.store.processReissueRequests(
      now,
      this.settings.ISSUANCE_BATCH_SIZE,
      (pending) => {
        const outcomes = new Map<string, ReissueOutcome>();
        const keep = (requestId: string, outcome: ReissueOutcome) => {
          const current = outcomes.get(requestId);
          if (!current || PRECEDENCE.indexOf(outcome) < PRECEDENCE.indexOf(current))
            outcomes.set(requestId, outcome);
        };
        const chosen = new Set<string>();
        const targets = [];
        for (const candidate of pending.candidates) {
          // The same journey asked for twice in one batch gets one link: the cooldown starts now.
          const outcome = chosen.has(candidate.target.journeyId)
            ? 'cooldown'
            : decideReissue(candidate, now, this.settings.REISSUE_COOLDOWN_SECONDS);
          if (outcome === 'issued') {
            chosen.add(candidate.target.journeyId);
            targets.push(candidate.target);
          }
          keep(
            candidate.requestId,
            outcome === 'issued' && candidate.target.contacts.length === 0 ? 'no_channel' : outcome,
          );
        }
        const planned = planLinks(targets, 'reissue', now, { clock: this.clock, sealer: this.sealer });
        links = planned.links;
        return { ...planned.plan, outcomes };
      },
    );
    return { requests, links };
  }
}
