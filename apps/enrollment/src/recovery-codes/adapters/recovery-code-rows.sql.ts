import type { EntityManager } from 'typeorm';

/*
 * The statements of the recovery_code table (legacy_account_id text, digest bytea, created_at
 * timestamptz, used_at timestamptz, PRIMARY KEY (legacy_account_id, digest)), each taking the
 * EntityManager it runs in, so a use case can join them to the transaction of a wider change
 * (the factor it enrols, the outbox event it writes).
 */

// The first key of the two-key advisory lock form, so these locks never meet another feature's.
const LOCK_SPACE = "hashtext('recovery_code')";

/**
 * Makes `digests` the account's whole set. Runs in the caller's transaction: `manager` must be a
 * transaction's (the lock is held until it ends). Replacements of one account queue behind the
 * lock, so two concurrent ones leave one whole set, not the union of both. A repeated digest
 * violates the primary key and the transaction rolls back with the old set untouched.
 */
export async function replaceRecoveryCodesIn(
  manager: EntityManager,
  accountId: string,
  digests: readonly Buffer[],
  now: Date,
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, hashtext($1))`, [accountId]);
  await manager.query(`DELETE FROM recovery_code WHERE legacy_account_id = $1`, [accountId]);
  if (digests.length === 0) return;
  await manager.query(
    `INSERT INTO recovery_code (legacy_account_id, digest, created_at)
     SELECT $1, digest, $3 FROM unnest($2::bytea[]) AS codes (digest)`,
    [accountId, digests, now],
  );
}

/** One conditional update: of concurrent spends of one code, exactly one finds it unused. */
export async function spendRecoveryCodeIn(
  manager: EntityManager,
  accountId: string,
  digest: Buffer,
  now: Date,
): Promise<boolean> {
  const [rows] = (await manager.query(
    `UPDATE recovery_code SET used_at = $3
      WHERE legacy_account_id = $1 AND digest = $2 AND used_at IS NULL
    RETURNING 1 AS spent`,
    [accountId, digest, now],
  )) as [Array<{ spent: number }>, number];
  return rows.length === 1;
}

export async function remainingRecoveryCodesIn(manager: EntityManager, accountId: string): Promise<number> {
  const rows = (await manager.query(
    `SELECT count(*)::int AS remaining FROM recovery_code WHERE legacy_account_id = $1 AND used_at IS NULL`,
    [accountId],
  )) as Array<{ remaining: number }>;
  return rows[0]?.remaining ?? 0;
}
