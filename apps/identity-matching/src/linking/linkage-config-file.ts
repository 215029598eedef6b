import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DEFAULT_LINKAGE, linkageConfigSchema, type LinkageConfig } from '../matching';

export type LinkageFileResult = { config: LinkageConfig } | { problems: string[] };

/**
 * Reads a linkage configuration file (linkage.default.json's shape, checked against
 * linkage.schema.json's rules). Without a path, the default configuration. Every problem names
 * the file and the path within it, so a mistyped level is found before the first run.
 */
export function readLinkageConfigFile(path: string | undefined): LinkageFileResult {
  if (path === undefined || path === '') return { config: DEFAULT_LINKAGE };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`${path}: is not JSON (${(error as Error).message})`] };
  }
  const parsed = linkageConfigSchema.safeParse(json);
  if (parsed.success) {
    // "$schema" is for editors; it is no part of the configuration.
    const { $schema: _schema, ...config } = parsed.data;
    return { config };
  }
  return { problems: parsed.error.issues.map((issue) => `${path}: ${pathOf(issue)}${issue.message}`) };
}

function pathOf(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return '';
  return `${issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`)).join('')}: `;
}
