import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolments (one per journey handed over by a grant), the customer sessions that carry them,
 * WebAuthn challenges, passkeys, the per-account record of what a migrated customer reached, and
 * the holds read from reset-issuance and fraud monitoring.
 */
export class EnrolmentAndPasskeys1768700000000 implements MigrationInterface {
  name = 'EnrolmentAndPasskeys1768700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE enrolment (
        journey_id uuid PRIMARY KEY,
        legacy_account_id text NOT NULL,
        target_account_id text NOT NULL,
        wave_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('started', 'credential_registered', 'enrolled')),
        minimum_assurance text NOT NULL CHECK (minimum_assurance IN ('aal1', 'aal2', 'aal3')),
        password_bridge_ends_at timestamptz NOT NULL,
        started_at timestamptz NOT NULL,
        enrolled_at timestamptz
      )`);
    await runner.query(`CREATE INDEX enrolment_account ON enrolment (legacy_account_id)`);
    await runner.query(`
      CREATE TABLE customer_session (
        session_hash bytea PRIMARY KEY,
        journey_id uuid NOT NULL REFERENCES enrolment (journey_id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX customer_session_expiry ON customer_session (expires_at)`);
    await runner.query(`
      CREATE TABLE webauthn_challenge (
        session_hash bytea NOT NULL REFERENCES customer_session (session_hash) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('registration', 'authentication')),
        challenge text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (session_hash, purpose)
      )`);
    // The primary key makes a passkey belong to one account, whichever replica registers it.
    await runner.query(`
      CREATE TABLE passkey_credential (
        credential_id bytea PRIMARY KEY,
        legacy_account_id text NOT NULL,
        user_handle bytea NOT NULL,
        public_key bytea NOT NULL,
        counter bigint NOT NULL CHECK (counter >= 0),
        transports text[] NOT NULL,
        device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
        backup_eligible boolean NOT NULL,
        backed_up boolean NOT NULL,
        aaguid uuid NOT NULL,
        created_at timestamptz NOT NULL,
        proven_at timestamptz,
        last_used_at timestamptz
      )`);
    await runner.query(`CREATE INDEX passkey_credential_account ON passkey_credential (legacy_account_id)`);
    await runner.query(`
      CREATE TABLE migrated_account (
        legacy_account_id text PRIMARY KEY,
        target_account_id text NOT NULL,
        wave_id uuid NOT NULL,
        journey_id uuid NOT NULL,
        methods text[] NOT NULL,
        assurance_level text NOT NULL CHECK (assurance_level IN ('aal1', 'aal2', 'aal3')),
        phishing_resistant boolean NOT NULL,
        enrolled_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX migrated_account_wave ON migrated_account (wave_id)`);
    await runner.query(`
      CREATE TABLE account_hold (
        hold_id uuid PRIMARY KEY,
        legacy_account_id text NOT NULL,
        source text NOT NULL CHECK (source IN ('reset', 'fraud')),
        placed_at timestamptz NOT NULL,
        released_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX account_hold_active ON account_hold (legacy_account_id) WHERE released_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'account_hold',
      'migrated_account',
      'passkey_credential',
      'webauthn_challenge',
      'customer_session',
      'enrolment',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
