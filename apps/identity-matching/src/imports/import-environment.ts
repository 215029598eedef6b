import { z } from 'zod';
import { isPhoneRegion } from './domain/contact-points';
import type { LinkageConfig } from '../matching';
import { extraAttributeProblems } from './domain/extra-attributes';
import type { ImportSettings } from './import-settings';

/** The variables of directory imports, added to identity-matching's service environment. */
export const importEnvironmentShape = {
  /** ISO 3166-1 alpha-2: where imported phone numbers without a country code are read. */
  IMPORT_DEFAULT_PHONE_REGION: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .refine(isPhoneRegion, 'expected a two-letter region code with a numbering plan, e.g. GB')
    .optional(),
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(2_000),
  IMPORT_STORED_REJECTIONS: z.coerce.number().int().nonnegative().default(10_000),
  IMPORT_STORED_WARNINGS: z.coerce.number().int().nonnegative().default(10_000),
  IMPORT_UPLOAD_TIMEOUT_MS: z.coerce.number().int().positive().default(3_600_000),
};

/** The import's variables, and the linkage configuration that declares the extra attributes. */
export type ImportEnvironment = z.infer<z.ZodObject<typeof importEnvironmentShape>> & {
  MATCH_LINKAGE_CONFIG: Pick<LinkageConfig, 'extraAttributes'>;
};

/**
 * Refinement of the whole environment: the linkage configuration's extra attributes are the
 * columns imports keep, so none may be a directory column already.
 */
export const extraAttributesAreNewColumns = {
  check: (env: Pick<ImportEnvironment, 'MATCH_LINKAGE_CONFIG'>, context: z.RefinementCtx) => {
    for (const problem of extraAttributeProblems(attributeNamesOf(env)))
      context.addIssue({
        code: 'custom',
        path: ['MATCH_LINKAGE_CONFIG'],
        message: `extraAttributes: ${problem}`,
      });
  },
};

function attributeNamesOf(env: Pick<ImportEnvironment, 'MATCH_LINKAGE_CONFIG'>): string[] {
  return env.MATCH_LINKAGE_CONFIG.extraAttributes.map((attribute) => attribute.name);
}

export function importSettingsOf(env: ImportEnvironment): ImportSettings {
  return {
    batchSize: env.IMPORT_BATCH_SIZE,
    storedRejectionLimit: env.IMPORT_STORED_REJECTIONS,
    reportedRejectionLimit: 100,
    storedWarningLimit: env.IMPORT_STORED_WARNINGS,
    reportedWarningLimit: 100,
    uploadTimeoutMs: env.IMPORT_UPLOAD_TIMEOUT_MS,
    defaultPhoneRegion: env.IMPORT_DEFAULT_PHONE_REGION,
    extraAttributes: attributeNamesOf(env),
  };
}
