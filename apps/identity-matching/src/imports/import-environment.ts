import { z } from 'zod';
import { isPhoneRegion } from './domain/contact-points';
import { extraAttributeProblems } from './domain/extra-attributes';
import type { ImportSettings } from './import-settings';

/**
 * The extra attributes imports keep, comma-separated. A stand-in until the linkage configuration
 * file declares them: importSettingsOf is the one place that reads them, so switching source
 * changes nothing else.
 */
const ExtraAttributes = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  )
  .superRefine((names, context) => {
    for (const problem of extraAttributeProblems(names))
      context.addIssue({ code: 'custom', message: problem });
  });

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
  IDENTITY_MATCHING_EXTRA_ATTRIBUTES: ExtraAttributes,
};

export type ImportEnvironment = z.infer<z.ZodObject<typeof importEnvironmentShape>>;

export function importSettingsOf(env: ImportEnvironment): ImportSettings {
  return {
    batchSize: env.IMPORT_BATCH_SIZE,
    storedRejectionLimit: env.IMPORT_STORED_REJECTIONS,
    reportedRejectionLimit: 100,
    storedWarningLimit: env.IMPORT_STORED_WARNINGS,
    reportedWarningLimit: 100,
    uploadTimeoutMs: env.IMPORT_UPLOAD_TIMEOUT_MS,
    defaultPhoneRegion: env.IMPORT_DEFAULT_PHONE_REGION,
    extraAttributes: env.IDENTITY_MATCHING_EXTRA_ATTRIBUTES,
  };
}
