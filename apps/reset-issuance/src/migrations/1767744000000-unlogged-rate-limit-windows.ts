import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters live for one window and are written on every customer request: they skip
 * the write-ahead log. A database crash or a fail-over to a standby empties them, which gives
 * every client a fresh window once; the limits hold again from the next request.
 */
export class UnloggedRateLimitWindows1767744000000 implements MigrationInterface {
  name = 'UnloggedRateLimitWindows1767744000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_limit_window SET UNLOGGED`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_limit_window SET LOGGED`);
  }
}
