import { z } from 'zod';

const basicCredential = z.string().regex(/^[^:]+:.+$/, 'expected user:password');

/**
 * The legacy system's HTTP API and how hard to press it. Outside production the defaults reach
 * the development simulator (tools/legacy-ciam) with its development token; production must name
 * the URL and a credential (see legacyApiSettings).
 */
export const legacySystemEnvironment = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LEGACY_API_URL: z.url().optional(),
  LEGACY_API_TOKEN: z.string().min(1).optional(),
  LEGACY_API_BASIC: basicCredential.optional(),
  LEGACY_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  LEGACY_CAN_SUSPEND: z.stringbool().default(true),
  LEGACY_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5),
  LEGACY_BREAKER_OPEN_SECONDS: z.coerce.number().min(0.05).max(3_600).default(30),
};

export type LegacySystemConfig = z.infer<z.ZodObject<typeof legacySystemEnvironment>>;

export const DEVELOPMENT_LEGACY_API_URL = 'http://127.0.0.1:3190/legacy';
export const DEVELOPMENT_LEGACY_API_TOKEN = 'rekey-legacy-dev-token';

export interface LegacyApiSettings {
  baseUrl: string;
  /** The Authorization header's value. */
  authorization: string;
  timeoutMs: number;
  canSuspend: boolean;
}

/** The adapter's settings; production refuses to start on the development defaults. */
export function legacyApiSettings(config: LegacySystemConfig): LegacyApiSettings {
  const production = config.NODE_ENV === 'production';
  if (config.LEGACY_API_TOKEN && config.LEGACY_API_BASIC) {
    throw new Error('LEGACY_API_TOKEN, LEGACY_API_BASIC: set one of them, not both');
  }
  if (production && !config.LEGACY_API_URL) throw new Error('LEGACY_API_URL: must be set in production');
  if (production && !config.LEGACY_API_TOKEN && !config.LEGACY_API_BASIC) {
    throw new Error('LEGACY_API_TOKEN or LEGACY_API_BASIC: must be set in production');
  }
  if (config.LEGACY_API_URL) {
    const url = new URL(config.LEGACY_API_URL);
    // A credential in the URL would end up wherever the URL is logged.
    if (url.username || url.password) {
      throw new Error(
        'LEGACY_API_URL: must not carry a credential; use LEGACY_API_TOKEN or LEGACY_API_BASIC',
      );
    }
  }
  const authorization = config.LEGACY_API_BASIC
    ? `Basic ${Buffer.from(config.LEGACY_API_BASIC, 'utf8').toString('base64')}`
    : `Bearer ${config.LEGACY_API_TOKEN ?? DEVELOPMENT_LEGACY_API_TOKEN}`;
  return {
    baseUrl: (config.LEGACY_API_URL ?? DEVELOPMENT_LEGACY_API_URL).replace(/\/+$/, ''),
    authorization,
    timeoutMs: config.LEGACY_API_TIMEOUT_MS,
    canSuspend: config.LEGACY_CAN_SUSPEND,
  };
}
