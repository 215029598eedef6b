import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler claims a wave's journeys awaiting a link joined to their accounts by account id.
 * With the account id in the wave-and-status index, that claim is a range of it, already in
 * account order; without it, once statistics show a large wave, the planner walks every open
 * journey in account order and filters, and each batch of a wave costs more than the last.
 */
export class JourneyClaimOrder1767830400000 implements MigrationInterface {
  name = 'JourneyClaimOrder1767830400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX journey_by_wave_status`);
    await queryRunner.query(
      `CREATE INDEX journey_by_wave_status ON journey (wave_id, status, legacy_account_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX journey_by_wave_status`);
    await queryRunner.query(`CREATE INDEX journey_by_wave_status ON journey (wave_id, status)`);
  }
}
