import { z } from 'zod';

/** The legacy HTTP API's success bodies (see the legacy-API description in the README). */
export const SessionsAnswer = z.object({
  accountId: z.string(),
  loginRetired: z.boolean(),
  sessions: z.array(
    z.object({
      id: z.string().min(1),
      createdAt: z.iso.datetime({ offset: true }),
      status: z.enum(['active', 'suspended', 'revoked']),
    }),
  ),
});

export const RevokedAnswer = z.object({
  revoked: z.number().int().nonnegative(),
  revokedAt: z.iso.datetime({ offset: true }),
});

export const SuspendedAnswer = z.object({ suspended: z.number().int().nonnegative() });

export const ResumedAnswer = z.object({ resumed: z.number().int().nonnegative() });

export const RetiredAnswer = z.object({
  retired: z.literal(true),
  retiredAt: z.iso.datetime({ offset: true }),
});

/** `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
