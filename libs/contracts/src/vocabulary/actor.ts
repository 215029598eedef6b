import { z } from 'zod';

/** Who did it, for every operator, support and security action. */
export const ActorRoles = ['operator', 'support', 'security'] as const;

export const EventActor = z
  .object({
    subject: z.string().min(1).max(255).describe('The `sub` of the operator credential.'),
    role: z.enum(ActorRoles).describe('Which API the person acted through: operator, support or security.'),
  })
  .describe('The person who acted.');
export type EventActor = z.infer<typeof EventActor>;

/** Free-text justification an operator gives; kept short and never required to hold personal data. */
export const OperatorNote = z.string().min(1).max(500);
