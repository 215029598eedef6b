import type { DataSource } from 'typeorm';
import type { ConsumeJti } from './verify-enrollment-grant';

export interface PgJtiStore {
  /** Records the `jti`; false when it was already there (the grant was used before). */
  consumeJti: ConsumeJti;
  /** Forgets `jti`s whose grants have expired; returns how many went. */
  deleteExpired(now?: Date): Promise<number>;
}

/**
 * Single use across every replica: the primary key of consumed_grant_jti decides, in one
 * statement, which of two concurrent presentations of a grant wins. Needs ConsumedGrantJtis1767657600001.
 */
export function createPgJtiStore(dataSource: Pick<DataSource, 'query'>): PgJtiStore {
  return {
    async consumeJti(jti, expiresAt) {
      const rows = (await dataSource.query(
        `INSERT INTO consumed_grant_jti (jti, expires_at) VALUES ($1, $2)
         ON CONFLICT (jti) DO NOTHING RETURNING jti`,
        [jti, expiresAt],
      )) as unknown[];
      return rows.length === 1;
    },
    async deleteExpired(now = new Date()) {
      const [, deleted] = (await dataSource.query(`DELETE FROM consumed_grant_jti WHERE expires_at < $1`, [
        now,
      ])) as [unknown, number];
      return deleted;
    },
  };
}
