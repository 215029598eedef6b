/**
 * Every scope an operator token can carry for Rekey's operator, support and security APIs, and
 * for the target applications that verify a migrated customer's credentials (`credentials:verify`).
 * `sign-in:unlock` lets support lift an account's sign-in lockout; `revocations:read` shows operators
 * where each legacy-session revocation stands (pending, awaiting its link, stalled, done);
 * `revocations:write` starts a wave's re-sync with the legacy system; `revocations:check` is for
 * downstream applications asking whether a legacy account migrated or a legacy session is revoked.
 */
export const OPERATOR_SCOPES = [
  'imports:write',
  'review:read',
  'review:write',
  'waves:read',
  'waves:write',
  'enrolments:read',
  'holds:write',
  'support:assist',
  'security:read',
  'security:write',
  'audit:read',
  'dlq:replay',
  'credentials:verify',
  'sign-in:unlock',
  'revocations:read',
  'revocations:write',
  'revocations:check',
] as const;

export type OperatorScope = (typeof OPERATOR_SCOPES)[number];

export function isOperatorScope(value: string): value is OperatorScope {
  return (OPERATOR_SCOPES as readonly string[]).includes(value);
}
