import type { JourneyStatus } from './journey-status';

/** One account's way through one wave, from its first link to enrollment. */
export interface Journey {
  id: string;
  waveId: string;
  legacyAccountId: string;
  status: JourneyStatus;
  createdAt: Date;
  /** When the journey last changed status. */
  updatedAt: Date;
}

/** Where every journey starts: its wave launched, its first link not yet sent. */
export const INITIAL_JOURNEY_STATUS = 'awaiting_issue' satisfies JourneyStatus;

/** A wave's launch puts each account of its cohort in a journey that waits for its first link. */
export function startJourney(
  start: { id: string; waveId: string; legacyAccountId: string },
  now: Date,
): Journey {
  return { ...start, status: INITIAL_JOURNEY_STATUS, createdAt: now, updatedAt: now };
}
