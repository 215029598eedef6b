import type { JourneyStatus } from '../../waves/domain/journey-status';

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
 * Statuses in which a customer still needs a link: sent and unspent, expired, or spent into a
 * step-up that did not pass (locked after wrong codes, code expired or never received, or sent to
 * support proofing): the new link's redemption opens a fresh challenge, and the old one is over.
 */
const REISSUABLE: readonly JourneyStatus[] = ['issued', 'expired', 'step_up_required'];

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
