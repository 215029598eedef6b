import { z } from 'zod';

/** Why an account needs care during its reset; waves are planned by segment. */
export const Segments = [
  'privileged',
  'delegated',
  'social_only',
  'inactive',
  'stale_contact',
  'shared_contact',
  'standard',
] as const;

export const Segment = z
  .enum(Segments)
  .describe("The account's segment, as identity matching classified it.");
export type Segment = z.infer<typeof Segment>;
