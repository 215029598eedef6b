import { z } from 'zod';
import { validateMatchConfig, type MatchConfig } from '../matching';
import { readLinkageConfigFile } from './linkage-config-file';

const probability = z.coerce.number().gt(0).max(1);
const positiveInt = z.coerce.number().int().positive();

/** The variables of a match run, added to identity-matching's service environment. */
export const matchingEnvironmentShape = {
  MATCH_BAND_HIGH: probability.default(0.99),
  MATCH_BAND_MEDIUM: probability.default(0.9),
  MATCH_BAND_LOW: probability.default(0.5),
  MATCH_PRIVILEGED_ROLES: z
    .string()
    .default('admin,support,finance-admin')
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(100)).min(1, 'list at least one role')),
  MATCH_INACTIVE_AFTER_DAYS: positiveInt.default(730),
  /** A linkage configuration file (apps/identity-matching/linkage.default.json's shape); unset, that one. */
  MATCH_LINKAGE_CONFIG: z
    .string()
    .optional()
    .transform((path, context) => {
      const read = readLinkageConfigFile(path);
      if ('config' in read) return read.config;
      for (const message of read.problems) context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }),
};

export type MatchingEnvironment = z.infer<z.ZodObject<typeof matchingEnvironmentShape>>;

/** Refinement of the whole environment: the bands must nest, or every band above `low` is empty. */
export const matchBandsInOrder = {
  check: (env: Pick<MatchingEnvironment, 'MATCH_BAND_HIGH' | 'MATCH_BAND_MEDIUM' | 'MATCH_BAND_LOW'>) =>
    env.MATCH_BAND_LOW <= env.MATCH_BAND_MEDIUM && env.MATCH_BAND_MEDIUM <= env.MATCH_BAND_HIGH,
  options: {
    message: 'needs MATCH_BAND_LOW <= MATCH_BAND_MEDIUM <= MATCH_BAND_HIGH',
    path: ['MATCH_BAND_MEDIUM'],
  },
};

export const MATCH_CONFIG = Symbol('MatchConfig');

export function matchConfigOf(env: MatchingEnvironment): MatchConfig {
  const config: MatchConfig = {
    bands: { high: env.MATCH_BAND_HIGH, medium: env.MATCH_BAND_MEDIUM, low: env.MATCH_BAND_LOW },
    privilegedRoles: env.MATCH_PRIVILEGED_ROLES,
    inactiveAfterDays: env.MATCH_INACTIVE_AFTER_DAYS,
    linkage: env.MATCH_LINKAGE_CONFIG,
  };
  validateMatchConfig(config);
  return config;
}
