/**
 * A journey's states, as the core schema defines them:
 *
 * ```mermaid
 * stateDiagram-v2
 *   [*] --> awaiting_issue: wave launched
 *   awaiting_issue --> issued: link sent
 *   issued --> issued: re-issued (supersedes)
 *   issued --> expired: link unspent past its lifetime
 *   expired --> issued: "send me a new link"
 *   issued --> redeemed
 *   redeemed --> step_up_required
 *   step_up_required --> stepped_up
 *   redeemed --> handed_off
 *   stepped_up --> handed_off
 *   awaiting_issue --> cancelled
 * ```
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
