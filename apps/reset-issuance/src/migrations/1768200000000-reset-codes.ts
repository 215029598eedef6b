import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The digest of each link's short code, which customers without JavaScript type into the link
 * page. Links issued before it have none and are redeemed by their link only. Not unique: two
 * 80-bit codes colliding is as unlikely as it gets, and a batch of links must not fail on it.
 */
export class ResetCodes1768200000000 implements MigrationInterface {
  name = 'ResetCodes1768200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reset_token ADD COLUMN code_hash bytea`);
    await queryRunner.query(
      `CREATE INDEX reset_token_by_code_hash ON reset_token (code_hash) WHERE code_hash IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reset_token_by_code_hash`);
    await queryRunner.query(`ALTER TABLE reset_token DROP COLUMN code_hash`);
  }
}
