import type { Clock } from '@rekey/background';
import { prepareLink, type IssueTrigger, type LinkTarget, type PreparedLink } from './domain/issuance';
import type { IssuePlan } from './issuance-store.port';
import { tokenIssued } from './issued-events';

/**
 * Prepares a link per target and the plan the store commits. The tokens stay in `links`, in
 * memory, for the sender; the plan holds only hashes.
 */
export function planLinks(
  targets: LinkTarget[],
  trigger: IssueTrigger,
  now: Date,
  clock: Clock,
): { plan: IssuePlan; links: PreparedLink[] } {
  const links = targets.flatMap((target) => prepareLink(target, trigger, now, clock) ?? []);
  return {
    links,
    plan: {
      issuances: links.map((link) => link.issuance),
      events: links.map((link) => tokenIssued(link.issuance, now)),
    },
  };
}
