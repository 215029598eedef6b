import { z } from 'zod';

/** The fields identity matching compares, and the verified contacts a link can rest on. */
export const ComparedFields = [
  'given_name',
  'family_name',
  'date_of_birth',
  'address',
  'email',
  'phone',
] as const;

/** How one compared field voted for a link; the values compared never leave identity matching. */
export const FieldEvidence = z.object({
  field: z.enum(ComparedFields),
  level: z
    .string()
    .min(1)
    .max(64)
    .describe(
      "The comparison level reached, e.g. 'exact', 'jaro-winkler>=0.92', 'day-month-transposed', 'missing'.",
    ),
  weight: z
    .number()
    .describe('log2(m/u) of that level: positive supports the link, negative speaks against it.'),
});
export type FieldEvidence = z.infer<typeof FieldEvidence>;
