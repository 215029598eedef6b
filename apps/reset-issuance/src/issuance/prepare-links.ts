import type { Clock } from '@rekey/background';
import type { TokenSealer } from '../tokens/domain/sealed-token';
import { prepareLinks, type IssueTrigger, type LinkTarget, type PreparedLink } from './domain/issuance';
import type { IssuePlan } from './issuance-store.port';
import { tokenIssued } from './issued-events';

/** What making links takes: ids from the clock, and the key their tokens are sealed with. */
export interface LinkMaking {
  clock: Clock;
  sealer: TokenSealer;
}

/**
 * Prepares a link per target and the plan the store commits. The tokens stay in clear in
 * `links`, in memory, for the sender; the plan holds their hashes and sealed copies.
 */
export function planLinks(
  targets: LinkTarget[],
  trigger: IssueTrigger,
  now: Date,
  { clock, sealer }: LinkMaking,
): { plan: IssuePlan; links: PreparedLink[] } {
  const links = prepareLinks(targets, trigger, now, {
    newId: () => clock.newId(),
    sealAll: (tokens) => sealer.sealAll(tokens),
  });
  return {
    links,
    plan: {
      issuances: links.map((link) => link.issuance),
      events: links.map((link) => tokenIssued(link.issuance, now)),
    },
  };
}
