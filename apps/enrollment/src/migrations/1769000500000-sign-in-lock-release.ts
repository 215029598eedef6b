import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Support's releases of sign-in lockouts (who, when, at how many failures), until support actions
 * are audited; and the bridge-expiry sweep's look-up of ended bridges by their end.
 */
export class SignInLockRelease1769000500000 implements MigrationInterface {
  name = 'SignInLockRelease1769000500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sign_in_lock_release (
        release_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        legacy_account_id text NOT NULL,
        released_by text NOT NULL,
        released_at timestamptz NOT NULL,
        failures_at_release integer NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX sign_in_lock_release_by_account ON sign_in_lock_release (legacy_account_id)`,
    );
    await runner.query(
      `CREATE INDEX password_credential_by_bridge_end ON password_credential (bridge_ends_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX password_credential_by_bridge_end`);
    await runner.query(`DROP TABLE sign_in_lock_release`);
  }
}
