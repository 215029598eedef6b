import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence gains what a pattern cannot hold: the term-frequency adjustments of the pair (a common
 * name weighs less than a rare one) and, for an account found new, its nearest candidates.
 */
export class EvidenceDetail1768521600000 implements MigrationInterface {
  name = 'EvidenceDetail1768521600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['account_match', 'review_item']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN evidence_detail jsonb`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['account_match', 'review_item']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN evidence_detail`);
    }
  }
}
