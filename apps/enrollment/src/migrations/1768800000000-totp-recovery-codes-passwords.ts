import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The factors a customer can enrol besides a passkey: an authenticator app's TOTP secret (sealed),
 * recovery codes (digests only) and a password (an argon2id PHC string), one of each per account.
 */
export class TotpRecoveryCodesPasswords1768800000000 implements MigrationInterface {
  name = 'TotpRecoveryCodesPasswords1768800000000';

  async up(runner: QueryRunner): Promise<void> {
    // One factor per account. journey_id is the enrolment that made it: a factor confirmed in
    // this enrolment lets its password be the second factor's (8 characters) and is never
    // replaced by this enrolment's pages. key_id repeats the sealed secret's header so that rows
    // still sealed with a retired key can be found. Steps fit an integer until the year 4000,
    // and an integer reads back as a number (a bigint would come back as a string).
    await runner.query(`
      CREATE TABLE totp_factor (
        legacy_account_id text PRIMARY KEY,
        journey_id uuid NOT NULL,
        sealed_secret bytea NOT NULL,
        key_id text NOT NULL,
        last_used_step integer CHECK (last_used_step >= 0),
        created_at timestamptz NOT NULL,
        confirmed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX totp_factor_key ON totp_factor (key_id)`);
    await runner.query(`
      CREATE TABLE recovery_code (
        legacy_account_id text NOT NULL,
        digest bytea NOT NULL,
        created_at timestamptz NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (legacy_account_id, digest)
      )`);
    // bridge_ends_at: after it, this password alone no longer signs in (the wave's policy). With
    // a confirmed TOTP factor the password is never alone.
    await runner.query(`
      CREATE TABLE password_credential (
        legacy_account_id text PRIMARY KEY,
        password_hash text NOT NULL,
        bridge_ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['password_credential', 'recovery_code', 'totp_factor']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
