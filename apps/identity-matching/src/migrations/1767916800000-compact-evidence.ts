import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence is kept as the pair's comparison (pattern, blocking rules, method, shared verified
 * contacts) and spelled out with the run's model when read. Rows written before keep their
 * spelled-out evidence column, which readers still fall back on.
 */
export class CompactEvidence1767916800000 implements MigrationInterface {
  name = 'CompactEvidence1767916800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['account_match', 'review_item']) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          ADD COLUMN evidence_pattern integer,
          ADD COLUMN evidence_rule_mask integer,
          ADD COLUMN evidence_method text CHECK (evidence_method IN ('deterministic', 'probabilistic')),
          ADD COLUMN evidence_contacts text[]`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['account_match', 'review_item']) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          DROP COLUMN evidence_pattern, DROP COLUMN evidence_rule_mask,
          DROP COLUMN evidence_method, DROP COLUMN evidence_contacts`);
    }
  }
}
