import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A launch is asked for (`launching`) and its cohort snapshotted in the background: the wave keeps
 * when the request came, and what the snapshot found, for the operator who polls it.
 */
export class BackgroundWaveLaunch1767916800000 implements MigrationInterface {
  name = 'BackgroundWaveLaunch1767916800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE wave DROP CONSTRAINT wave_status_check`);
    await queryRunner.query(
      `ALTER TABLE wave ADD CONSTRAINT wave_status_check
         CHECK (status IN ('planned', 'launching', 'launched', 'completed', 'cancelled'))`,
    );
    await queryRunner.query(
      `ALTER TABLE wave ADD COLUMN launch_requested_at timestamptz,
                        ADD COLUMN skipped_in_open_journey integer,
                        ADD COLUMN not_eligible integer`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE wave DROP COLUMN launch_requested_at, DROP COLUMN skipped_in_open_journey,
                        DROP COLUMN not_eligible`,
    );
    await queryRunner.query(`ALTER TABLE wave DROP CONSTRAINT wave_status_check`);
    await queryRunner.query(
      `ALTER TABLE wave ADD CONSTRAINT wave_status_check
         CHECK (status IN ('planned', 'launched', 'completed', 'cancelled'))`,
    );
  }
}
