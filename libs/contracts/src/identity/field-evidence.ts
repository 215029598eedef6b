import { z } from 'zod';

/** How one compared field voted for a link; the values compared never leave identity matching. */
export const FieldEvidence = z.object({
  field: z.enum(['email', 'phone', 'full_name', 'birth_date', 'postal_address']),
  outcome: z.enum(['agree', 'disagree', 'missing']),
  weight: z.number().describe('Log-likelihood weight this comparison added (negative when it disagreed).'),
});
