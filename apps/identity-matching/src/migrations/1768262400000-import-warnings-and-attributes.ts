import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports keep customers: a value that cannot be read is left out with a warning instead of
 * costing the line, so warnings are stored beside rejections (several per line, paged by their
 * position in the import). An import records the known columns its file lacked, since a missing
 * column now reads as empty. Records keep their declared extra attributes apart from `record`,
 * whose shape matching reads.
 */
export class ImportWarningsAndAttributes1768262400000 implements MigrationInterface {
  name = 'ImportWarningsAndAttributes1768262400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE directory_import
        ADD COLUMN warning_count integer NOT NULL DEFAULT 0,
        ADD COLUMN missing_columns text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      CREATE TABLE directory_import_warning (
        import_id uuid NOT NULL REFERENCES directory_import (id) ON DELETE CASCADE,
        position integer NOT NULL,
        line integer NOT NULL,
        field text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (import_id, position)
      )`);
    await queryRunner.query(
      `ALTER TABLE directory_record ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE directory_record DROP COLUMN attributes`);
    await queryRunner.query(`DROP TABLE directory_import_warning`);
    await queryRunner.query(
      `ALTER TABLE directory_import DROP COLUMN missing_columns, DROP COLUMN warning_count`,
    );
  }
}
