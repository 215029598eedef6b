import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditEvents1767312000000 implements MigrationInterface {
  name = 'AuditEvents1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_event (
        sequence bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        source text NOT NULL,
        subject text NOT NULL,
        journey_id uuid,
        correlation_id text NOT NULL,
        causation_id text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        data jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX audit_event_by_subject ON audit_event (subject, sequence)`);
    await queryRunner.query(
      `CREATE INDEX audit_event_by_journey ON audit_event (journey_id, sequence) WHERE journey_id IS NOT NULL`,
    );
    // Append-only: the service's own role may add records but never change or remove them.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_is_append_only`);
  }
}
