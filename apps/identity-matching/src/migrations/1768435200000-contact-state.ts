import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each result keeps how the account can be reached (none, unverified only, stale verified,
 * verified), which the segments cannot say without changing a published vocabulary. Rows stored
 * before have none (NULL) until the next run: the contact state is part of a result's hash, so that
 * run rewrites every row once, emitting nothing.
 */
export class ContactState1768435200000 implements MigrationInterface {
  name = 'ContactState1768435200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE account_match
        ADD COLUMN contact_state text
          CHECK (contact_state IN ('none', 'unverified_only', 'stale_verified', 'verified'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account_match DROP COLUMN contact_state`);
  }
}
