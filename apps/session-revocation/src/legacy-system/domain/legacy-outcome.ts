/**
 * What one call to the legacy system came to. `transient` is worth retrying (timeout, reset,
 * 5xx, 429, garbage); `permanent` is not (an unknown account, a refused request). Codes are
 * stable (`legacy.unavailable`) and messages never hold a credential.
 */
export type LegacyOutcome<T> = { kind: 'done'; value: T } | LegacyFailure;

export type LegacyFailure =
  | { kind: 'transient'; code: LegacyFailureCode; message: string; retryAfterMs?: number }
  | { kind: 'permanent'; code: LegacyFailureCode; message: string };

export type LegacyFailureCode =
  | 'legacy.timeout'
  | 'legacy.unreachable'
  | 'legacy.unavailable'
  | 'legacy.rate-limited'
  | 'legacy.garbage'
  | 'legacy.unauthorized'
  | 'legacy.unknown-account'
  | 'legacy.refused';

export const done = <T>(value: T): LegacyOutcome<T> => ({ kind: 'done', value });

export function transient(code: LegacyFailureCode, message: string, retryAfterMs?: number): LegacyFailure {
  return { kind: 'transient', code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

export function permanent(code: LegacyFailureCode, message: string): LegacyFailure {
  return { kind: 'permanent', code, message };
}
