import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Directories1767398400000 implements MigrationInterface {
  name = 'Directories1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE directory_import (
        id uuid PRIMARY KEY,
        directory text NOT NULL CHECK (directory IN ('legacy', 'target')),
        file_name text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'ndjson')),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'refused', 'failed')),
        refusal text,
        read_count integer NOT NULL DEFAULT 0,
        inserted_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        unchanged_count integer NOT NULL DEFAULT 0,
        rejected_count integer NOT NULL DEFAULT 0,
        imported_by text NOT NULL,
        imported_by_role text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    // One account per directory, ids in byte order so that paging by id is an index scan; a re-import of an unchanged row keeps its content hash and is a no-op.
    await queryRunner.query(`
      CREATE TABLE directory_record (
        directory text NOT NULL CHECK (directory IN ('legacy', 'target')),
        account_id text COLLATE "C" NOT NULL,
        content_hash bytea NOT NULL,
        record jsonb NOT NULL,
        import_id uuid NOT NULL REFERENCES directory_import (id),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (directory, account_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE directory_import_rejection (
        import_id uuid NOT NULL REFERENCES directory_import (id) ON DELETE CASCADE,
        line integer NOT NULL,
        field text,
        reason text NOT NULL,
        PRIMARY KEY (import_id, line)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE directory_import_rejection`);
    await queryRunner.query(`DROP TABLE directory_record`);
    await queryRunner.query(`DROP TABLE directory_import`);
  }
}
