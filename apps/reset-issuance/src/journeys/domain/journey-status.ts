/**
 * A journey's states, as the core schema's CHECK constraint lists them. Which event moves a journey
 * from one to another is `transition` (journey-transitions.ts), drawn in journey-states.mermaid.
 */
export const JourneyStatuses = [
  'awaiting_issue',
  'issued',
  'redeemed',
  'step_up_required',
  'stepped_up',
  'handed_off',
  'expired',
  'cancelled',
] as const;
export type JourneyStatus = (typeof JourneyStatuses)[number];

/** Statuses that end a journey: the account may start another (journey_one_open_per_account). */
export const ClosedJourneyStatuses: readonly JourneyStatus[] = ['handed_off', 'cancelled'];
