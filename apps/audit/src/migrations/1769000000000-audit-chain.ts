import type { MigrationInterface, QueryRunner } from 'typeorm';

// The role the service connects as (the service catalog's role for audit). Migrations run as the
// database's owner; the service itself may only add and read records.
const SERVICE_ROLE = 'audit';

/**
 * The hash-chained log and its signed checkpoints. Replaces `audit_event`, which held no hashes
 * and only ever held development data: records cannot be chained after the fact without
 * vouching for what nobody checked when it was written.
 */
export class AuditChain1769000000000 implements MigrationInterface {
  name = 'AuditChain1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS audit_event`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_event_is_append_only`);
    // The funnel is a projection of the log: with the old log gone, it starts again with the new one.
    await queryRunner.query(`
      DO $$ BEGIN
        IF to_regclass('funnel_journey') IS NOT NULL THEN
          TRUNCATE funnel_journey, funnel_link, funnel_wave;
        END IF;
      END $$`);
    await queryRunner.query(`
      CREATE TABLE audit_record (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        source text NOT NULL,
        subject text NOT NULL,
        journey_id uuid,
        correlation_id text NOT NULL,
        causation_id text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor_subject text,
        actor_role text,
        trace_id text,
        data jsonb NOT NULL,
        prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
        hash bytea NOT NULL CHECK (length(hash) = 32)
      )`);
    await queryRunner.query(`CREATE INDEX audit_record_by_subject ON audit_record (subject, sequence)`);
    await queryRunner.query(
      `CREATE INDEX audit_record_by_journey ON audit_record (journey_id, sequence) WHERE journey_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX audit_record_by_wave ON audit_record ((data->>'waveId'), sequence) WHERE data ? 'waveId'`,
    );
    await queryRunner.query(`
      CREATE TABLE audit_checkpoint (
        checkpoint_id uuid PRIMARY KEY,
        first_sequence bigint NOT NULL UNIQUE,
        last_sequence bigint NOT NULL UNIQUE CHECK (last_sequence >= first_sequence),
        record_count bigint NOT NULL,
        root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
        key_id text NOT NULL,
        signature bytea NOT NULL,
        sealed_at timestamptz NOT NULL
      )`);
    // Even the owner is refused: changing history takes disabling the trigger, which only the
    // owner or a superuser can do, and which verification then exposes.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege'; END $$`);
    for (const table of ['audit_record', 'audit_checkpoint']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
      // TRUNCATE fires no row triggers: it needs a statement trigger of its own.
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    }
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SERVICE_ROLE}') THEN
          IF current_user <> '${SERVICE_ROLE}' THEN
            -- Owner and service are two roles: the service gets what it needs and no more. The
            -- inbox, outbox and any table added later keep their usual privileges.
            GRANT USAGE ON SCHEMA public TO ${SERVICE_ROLE};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${SERVICE_ROLE};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${SERVICE_ROLE};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public
              GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${SERVICE_ROLE};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public
              GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${SERVICE_ROLE};
          END IF;
          -- Also when the service role owns the tables (a database provisioned before the owner
          -- role existed): an owner may drop its own privileges, and is refused like anyone.
          REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER
            ON audit_record, audit_checkpoint FROM ${SERVICE_ROLE};
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_checkpoint`);
    await queryRunner.query(`DROP TABLE audit_record`);
    await queryRunner.query(`DROP FUNCTION audit_log_is_append_only`);
  }
}
