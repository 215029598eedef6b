import type { Journey } from './journey';
import type { JourneyEvent, JourneyEventType } from './journey-event';
import type { JourneyStatus } from './journey-status';
import { InvalidJourneyTransition } from './journey.errors';

/**
 * Every allowed change: the statuses an event may find the journey in, and where it takes it.
 * journey-states.mermaid draws exactly this table (journey-states-diagram.spec.ts checks it).
 */
export const JourneyTransitions: Readonly<
  Record<JourneyEventType, { from: readonly JourneyStatus[]; to: JourneyStatus }>
> = {
  // A step-up that did not pass (locked, expired, sent to support) waits for a new link, whose
  // redemption opens a fresh challenge; an issued link may be replaced (superseded) by another.
  link_issued: { from: ['awaiting_issue', 'issued', 'expired', 'step_up_required'], to: 'issued' },
  link_expired: { from: ['issued'], to: 'expired' },
  link_redeemed: { from: ['issued'], to: 'redeemed' },
  step_up_required: { from: ['issued'], to: 'step_up_required' },
  // Only a journey still in step-up: a new link sent meanwhile ends the challenge.
  step_up_passed: { from: ['step_up_required'], to: 'stepped_up' },
  handed_off: { from: ['redeemed', 'stepped_up'], to: 'handed_off' },
  cancelled: { from: ['awaiting_issue'], to: 'cancelled' },
};

/** Whether `event` may happen to a journey in `status`. */
export function allows(status: JourneyStatus, event: JourneyEventType): boolean {
  return JourneyTransitions[event].from.includes(status);
}

/**
 * The journey after `event`, stamped `now`; throws InvalidJourneyTransition
 * (`journey.invalid-transition`) when its current status does not allow the event.
 */
export function transition(journey: Journey, event: JourneyEvent, now: Date): Journey {
  if (!allows(journey.status, event.type)) {
    throw new InvalidJourneyTransition(journey.id, journey.status, event.type);
  }
  return { ...journey, status: JourneyTransitions[event.type].to, updatedAt: now };
}
