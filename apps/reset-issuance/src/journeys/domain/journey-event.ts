/**
 * What can happen to a journey. Token-level facts that leave the journey's status as it is
 * (a link delivered, a token superseded, a step-up code refused or locked, a hold placed or
 * released) are not journey events: they live on the token, the challenge or the hold.
 */
export const JourneyEventTypes = [
  /** A link was committed: the wave's first, a replacement, or "send me a new link". */
  'link_issued',
  /** The live link outlived its lifetime unspent. */
  'link_expired',
  /** The link was spent and the journey goes straight on to enrollment. */
  'link_redeemed',
  /** The link was spent and the risk policy asks for a step-up first. */
  'step_up_required',
  /** The customer passed the step-up. */
  'step_up_passed',
  /** Enrollment took the journey over. */
  'handed_off',
  /** The journey was called off before any link went out. */
  'cancelled',
] as const;
export type JourneyEventType = (typeof JourneyEventTypes)[number];

export interface JourneyEvent {
  type: JourneyEventType;
}
