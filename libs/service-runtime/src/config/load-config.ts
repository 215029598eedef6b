import { z } from 'zod';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Parses the environment once, before anything starts. A missing or malformed variable stops the
 * service with the variable's name; values are never echoed, since some are secrets.
 */
export function loadConfig<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && source[name] === undefined;
    return `${name}: ${missing ? 'is required but not set' : issue.message}`;
  });
  throw new ConfigurationError(problems);
}
