import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters live for one window and are written on every customer request, so each write
 * is kept cheap. They skip the write-ahead log: a database crash or a fail-over to a standby empties
 * them, which gives every client one fresh window; the limits hold again from the next request.
 * And one index serves both the upsert (key and window) and the sweeper (windows before an instant).
 */
export class UnloggedRateLimitWindows1767744000000 implements MigrationInterface {
  name = 'UnloggedRateLimitWindows1767744000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_limit_window SET UNLOGGED`);
    await queryRunner.query(`DROP INDEX rate_limit_window_by_start`);
    await queryRunner.query(`ALTER TABLE rate_limit_window DROP CONSTRAINT rate_limit_window_pkey`);
    await queryRunner.query(`ALTER TABLE rate_limit_window ADD PRIMARY KEY (window_start, key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_limit_window DROP CONSTRAINT rate_limit_window_pkey`);
    await queryRunner.query(`ALTER TABLE rate_limit_window ADD PRIMARY KEY (key, window_start)`);
    await queryRunner.query(`CREATE INDEX rate_limit_window_by_start ON rate_limit_window (window_start)`);
    await queryRunner.query(`ALTER TABLE rate_limit_window SET LOGGED`);
  }
}
