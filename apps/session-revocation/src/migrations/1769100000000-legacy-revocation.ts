import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session revocation's own state: the verified links it has read, one revocation per journey
 * (its steps, retries and alert), and the holds it enforces at the legacy side. Every table is
 * indexed by legacy account id, so "is this account migrated / are its sessions revoked" is one
 * indexed read.
 */
export class LegacyRevocation1769100000000 implements MigrationInterface {
  name = 'LegacyRevocation1769100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE link (
        legacy_account_id text PRIMARY KEY,
        target_account_id text NOT NULL,
        linked_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE legacy_revocation (
        journey_id uuid PRIMARY KEY,
        legacy_account_id text NOT NULL,
        target_account_id text NOT NULL,
        wave_id uuid NOT NULL,
        methods text[] NOT NULL,
        assurance_level text NOT NULL,
        enrolled_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('awaiting_link', 'pending', 'done', 'failed')),
        created_at timestamptz NOT NULL,
        pending_since timestamptz,
        sessions_revoked_at timestamptz,
        revoked_count integer,
        login_retired_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        first_attempt_at timestamptz,
        last_error_code text,
        last_error text,
        stalled_alerted_at timestamptz,
        done_at timestamptz,
        cause jsonb
      )`);
    await runner.query(`CREATE INDEX legacy_revocation_by_account ON legacy_revocation (legacy_account_id)`);
    await runner.query(
      `CREATE INDEX legacy_revocation_due ON legacy_revocation (next_attempt_at) WHERE state = 'pending'`,
    );
    await runner.query(`CREATE INDEX legacy_revocation_by_state ON legacy_revocation (state, journey_id)`);
    await runner.query(`
      CREATE TABLE legacy_hold (
        hold_id uuid PRIMARY KEY,
        legacy_account_id text NOT NULL,
        source text NOT NULL CHECK (source IN ('reset', 'fraud')),
        placed_at timestamptz,
        released_at timestamptz,
        suspension text NOT NULL CHECK (suspension IN ('pending', 'suspended', 'revoked_instead', 'none')),
        suspended_count integer,
        resumption text CHECK (resumption IN ('pending', 'resumed', 'not_needed')),
        resumed_count integer,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_error_code text,
        last_error text
      )`);
    await runner.query(`CREATE INDEX legacy_hold_by_account ON legacy_hold (legacy_account_id)`);
    await runner.query(
      `CREATE INDEX legacy_hold_due ON legacy_hold (next_attempt_at)
        WHERE (suspension = 'pending') OR (resumption = 'pending')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE legacy_hold`);
    await runner.query(`DROP TABLE legacy_revocation`);
    await runner.query(`DROP TABLE link`);
  }
}
