import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace context of the redemption that opened a step-up challenge: the grant a passed code
 * leads to carries it, so a stepped-up journey stays one trace from the redemption on, though the
 * code is checked in a later request. Null for challenges opened before it was kept.
 */
export class StepUpRedemptionTrace1769100000000 implements MigrationInterface {
  name = 'StepUpRedemptionTrace1769100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE step_up_challenge ADD COLUMN redemption_traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE step_up_challenge DROP COLUMN redemption_traceparent`);
  }
}
