import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a wave requires of its customers' enrolment (minimum assurance per segment, end of the
 * bridging password), as the operator planned it. Null for waves planned without one, which take
 * the defaults when their journeys are handed off.
 */
export class WaveEnrolmentPolicy1768900000000 implements MigrationInterface {
  name = 'WaveEnrolmentPolicy1768900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE wave ADD COLUMN enrolment_policy jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE wave DROP COLUMN enrolment_policy`);
  }
}
