import { z } from 'zod';

/** Confidence of a link between a legacy account and a target account. */
export const Bands = ['high', 'medium', 'low'] as const;

export const Band = z.enum(Bands).describe('Confidence band of the link.');
export type Band = z.infer<typeof Band>;
