import type { EntityManager } from 'typeorm';

/**
 * Whether the account's TOTP factor was confirmed in this journey, read in the caller's
 * transaction with a share lock: the password that finishes the enrolment with it commits only if
 * the factor is not replaced meanwhile (a replacement waits for the lock, then no longer matches).
 */
export async function isTotpConfirmedIn(
  manager: EntityManager,
  legacyAccountId: string,
  journeyId: string,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM totp_factor
      WHERE legacy_account_id = $1 AND journey_id = $2 AND confirmed_at IS NOT NULL
      FOR SHARE`,
    [legacyAccountId, journeyId],
  )) as unknown[];
  return rows.length === 1;
}
