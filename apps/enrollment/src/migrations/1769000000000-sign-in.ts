import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in after the move: anonymous attempts (the pre-sign-in cookie's hash, its CSRF token and
 * passkey challenge), consecutive failures per account (NIST's lockout), signed-in sessions (hash
 * only), the accounts whose bridge-expired event went out, and enrollment's own rate-limit windows.
 */
export class SignIn1769000000000 implements MigrationInterface {
  name = 'SignIn1769000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sign_in_attempt (
        attempt_hash bytea PRIMARY KEY,
        csrf_token text NOT NULL,
        challenge text,
        challenge_expires_at timestamptz,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX sign_in_attempt_by_expiry ON sign_in_attempt (expires_at)`);
    await runner.query(`
      CREATE TABLE sign_in_failure (
        legacy_account_id text PRIMARY KEY,
        consecutive_failures integer NOT NULL CHECK (consecutive_failures >= 0),
        last_failed_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE signed_in_session (
        session_hash bytea PRIMARY KEY,
        legacy_account_id text NOT NULL,
        csrf_token text NOT NULL,
        assurance_level text NOT NULL CHECK (assurance_level IN ('aal1', 'aal2')),
        methods text[] NOT NULL,
        -- The registration challenge of a passkey added from the account page.
        challenge text,
        challenge_expires_at timestamptz,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX signed_in_session_by_expiry ON signed_in_session (expires_at)`);
    await runner.query(`
      CREATE TABLE bridge_expiry_notice (
        legacy_account_id text PRIMARY KEY,
        recorded_at timestamptz NOT NULL
      )`);
    // As reset-issuance's: written on every attempt, unlogged (a crash only forgets a window),
    // one primary key for the upsert and the sweeper.
    await runner.query(`
      CREATE UNLOGGED TABLE rate_limit_window (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (window_start, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'rate_limit_window',
      'bridge_expiry_notice',
      'signed_in_session',
      'sign_in_failure',
      'sign_in_attempt',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
