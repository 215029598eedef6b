import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legacy session inventory: every legacy session the service has seen revoked, so "is this
 * legacy session revoked?" is one read by primary key and "which sessions of this account" one
 * read by index. Also the re-sync runs that compare a wave with the legacy system.
 */
export class LegacySessionInventory1769200000000 implements MigrationInterface {
  name = 'LegacySessionInventory1769200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE legacy_session (
        session_id text PRIMARY KEY,
        legacy_account_id text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by text CHECK (revoked_by IN ('enrolment', 'resync', 'hold')),
        journey_id uuid
      )`);
    await runner.query(`CREATE INDEX legacy_session_by_account ON legacy_session (legacy_account_id)`);
    // The check API's migration question reads only done revocations of an account.
    await runner.query(
      `CREATE INDEX legacy_revocation_done_by_account ON legacy_revocation (legacy_account_id, done_at DESC)
        WHERE state = 'done'`,
    );
    await runner.query(`
      CREATE TABLE resync_run (
        run_id uuid PRIMARY KEY,
        wave_id uuid NOT NULL,
        requested_by jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'completed')),
        after_journey_id uuid,
        current_attempts integer NOT NULL DEFAULT 0,
        accounts_checked integer NOT NULL DEFAULT 0,
        accounts_with_drift integer NOT NULL DEFAULT 0,
        sessions_revoked integer NOT NULL DEFAULT 0,
        logins_retired integer NOT NULL DEFAULT 0,
        failure_count integer NOT NULL DEFAULT 0,
        -- the first failures, for the report (failure_count goes on past them)
        failures jsonb NOT NULL DEFAULT '[]',
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        lease_until timestamptz
      )`);
    await runner.query(`CREATE INDEX resync_run_running ON resync_run (started_at) WHERE state = 'running'`);
    await runner.query(
      `CREATE INDEX legacy_revocation_done_by_wave ON legacy_revocation (wave_id, journey_id) WHERE state = 'done'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX legacy_revocation_done_by_wave`);
    await runner.query(`DROP TABLE resync_run`);
    await runner.query(`DROP INDEX legacy_revocation_done_by_account`);
    await runner.query(`DROP TABLE legacy_session`);
  }
}
