import { z } from 'zod';

/**
 * The variables of wave planning, spread into the service's environment in
 * reset-issuance.definition.ts; the waves module reads them as WavesConfig.
 */
export const wavesEnvironment = {
  WAVE_REMINDER_BEFORE_CUTOFF_HOURS: z.coerce.number().positive().default(48),
};
export type WavesConfig = z.infer<z.ZodObject<typeof wavesEnvironment>>;
