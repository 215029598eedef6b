import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['account_match', 'identity_link', 'review_item'] as const;

/**
 * The rows a run writes name it in run_id without a foreign key. Checked, every row of a batch
 * locked the run's match_run row for key share, and the run's concurrent writer transactions
 * shared that lock through a multixact: a third of the database's work in a run. The reference
 * still holds by construction: a run inserts and commits its match_run row before writing any
 * row that names it, and match_run rows are never deleted.
 */
export class UncheckedRunProvenance1768176000000 implements MigrationInterface {
  name = 'UncheckedRunProvenance1768176000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_run_id_fkey`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_run_id_fkey FOREIGN KEY (run_id) REFERENCES match_run (id)`,
      );
    }
  }
}
