import { createHmac } from 'node:crypto';

/**
 * The seed the simulator derives its accounts' passwords and sessions from unless told otherwise.
 * A development value: the simulated legacy passwords protect nothing.
 */
export const DEFAULT_PASSWORD_SEED = 'rekey-legacy-ciam-dev-seed';

/**
 * The password a simulated legacy account had before the migration: HMAC-SHA256 of the seed and
 * the account id, base64url, its first 16 characters. Derived rather than stored, so the demo and
 * tests can compute any account's old password and try it against a retired login.
 */
export function legacyPasswordOf(accountId: string, seed: string = DEFAULT_PASSWORD_SEED): string {
  return createHmac('sha256', seed).update(accountId).digest('base64url').slice(0, 16);
}

/** Deterministic bytes for an account's seeded sessions: the same seed gives the same sessions. */
export function seededBytes(seed: string, label: string): Buffer {
  return createHmac('sha256', seed).update(label).digest();
}
