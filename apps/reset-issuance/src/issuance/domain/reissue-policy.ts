import type { JourneyStatus } from '../../journeys/domain/journey-status';
import { INITIAL_JOURNEY_STATUS } from '../../journeys/domain/journey';
import { JourneyTransitions } from '../../journeys/domain/journey-transitions';

/** Why a "send me a new link" request did or did not send one; stored on the request. */
export type ReissueOutcome = 'issued' | 'unknown' | 'not_open' | 'held' | 'cooldown' | 'no_channel';

export interface ReissueCandidate {
  journeyStatus: JourneyStatus;
  waveStartsAt: Date;
  waveCutoffAt: Date;
  held: boolean;
  lastIssuedAt?: Date;
}

/**
 * Statuses in which a customer still needs a link (those a link may be issued in, but the first): sent and unspent, expired, or spent into a
 * step-up that did not pass (locked after wrong codes, code expired or never received, or sent to
 * support proofing): the new link's redemption opens a fresh challenge, and the old one is over.
 */
const REISSUABLE: readonly JourneyStatus[] = JourneyTransitions.link_issued.from.filter(
  (status) => status !== INITIAL_JOURNEY_STATUS,
);

/**
 * A new link only while the wave sends links, only where one was sent before (the wave issues
 * the first), and not again within the cooldown: a requester cannot flood an inbox.
 */
export function decideReissue(
  candidate: ReissueCandidate,
  now: Date,
  cooldownSeconds: number,
): ReissueOutcome {
  if (!REISSUABLE.includes(candidate.journeyStatus)) return 'not_open';
  if (now < candidate.waveStartsAt || now >= candidate.waveCutoffAt) return 'not_open';
  if (candidate.held) return 'held';
  if (candidate.lastIssuedAt && now.getTime() - candidate.lastIssuedAt.getTime() < cooldownSeconds * 1000) {
    return 'cooldown';
  }
  return 'issued';
}
