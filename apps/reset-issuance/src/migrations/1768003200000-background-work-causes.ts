import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background work remembers what asked for it: a wave's launch request keeps the operator's trace
 * context (then the id of the launch event), and a re-issue request the customer's, so that the
 * scheduler's spans link to them and its events join their causal chain.
 */
export class BackgroundWorkCauses1768003200000 implements MigrationInterface {
  name = 'BackgroundWorkCauses1768003200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE wave ADD COLUMN launch_cause jsonb`);
    await queryRunner.query(`ALTER TABLE reissue_request ADD COLUMN trace_context jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reissue_request DROP COLUMN trace_context`);
    await queryRunner.query(`ALTER TABLE wave DROP COLUMN launch_cause`);
  }
}
