import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace context the journey's grant carried (the redemption's request on reset-issuance):
 * every later customer request does the journey's work in a child span of it, so redeem → enrol
 * → revoke is one trace. Null for enrolments opened before it was kept, or by a grant without one.
 */
export class EnrolmentJourneyTrace1769100000000 implements MigrationInterface {
  name = 'EnrolmentJourneyTrace1769100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE enrolment ADD COLUMN journey_traceparent text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE enrolment DROP COLUMN journey_traceparent`);
  }
}
