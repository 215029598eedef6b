import type { VerifiedContact } from '@rekey/contracts';
import { ClosedJourneyStatuses, type JourneyStatus } from '../../journeys/domain/journey-status';
import { deliveryChannel } from './delivery-channel';

/** Journeys a reminder still helps: the customer has not used a link yet. */
const AWAITING_CUSTOMER: readonly JourneyStatus[] = ['awaiting_issue', 'issued', 'expired'];

export interface NoticeFacts {
  kind: 'advance_notice' | 'reminder';
  journeyStatus: JourneyStatus;
  cutoffAt: Date;
  contacts: VerifiedContact[];
}

/** Where a due notice goes, or nothing when it no longer makes sense (it is then skipped for good). */
export function noticeChannel(notice: NoticeFacts, now: Date): VerifiedContact | undefined {
  if (now >= notice.cutoffAt) return undefined;
  if (ClosedJourneyStatuses.includes(notice.journeyStatus)) return undefined;
  if (notice.kind === 'reminder' && !AWAITING_CUSTOMER.includes(notice.journeyStatus)) return undefined;
  return deliveryChannel(notice.contacts);
}
