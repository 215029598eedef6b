/**
 * The steps of a legacy account's migration in one wave, in order. `stepped_up` is optional: only
 * accounts that needed step-up take it, so it is reported on its own, never as a gate all pass.
 */
export const MainSteps = ['linked', 'notified', 'issued', 'redeemed', 'enrolled', 'migrated'] as const;
export type MainStep = (typeof MainSteps)[number];
export type JourneyStep = MainStep | 'stepped_up';

export const StepLabels: Record<JourneyStep, string> = {
  linked: 'linked',
  notified: 'notified',
  issued: 'link issued',
  redeemed: 'redeemed',
  stepped_up: 'stepped up',
  enrolled: 'enrolled',
  migrated: 'legacy revoked (migrated)',
};
