import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What redeeming a link needs beyond tokens: rate-limit windows shared by replicas, step-up
 * challenges, the grants handed to enrollment and fraud flags. ("Send me a new link" writes to
 * reissue_request, which link issuance owns.)
 */
export class RedemptionAndStepUp1767657600000 implements MigrationInterface {
  name = 'RedemptionAndStepUp1767657600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per key and fixed window; the sweeper deletes windows long past.
    await queryRunner.query(`
      CREATE TABLE rate_limit_window (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (key, window_start)
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_window_by_start ON rate_limit_window (window_start)`);

    // Set by fraud monitoring's signals (through a consumer); an unflagged account has no row.
    await queryRunner.query(`
      CREATE TABLE fraud_flag (
        legacy_account_id text PRIMARY KEY,
        reason text NOT NULL,
        flagged_at timestamptz NOT NULL
      )`);

    // The browser holds a random session value; only its SHA-256 is here. The code is an HMAC.
    await queryRunner.query(`
      CREATE TABLE step_up_challenge (
        id uuid PRIMARY KEY,
        journey_id uuid NOT NULL REFERENCES journey (id),
        legacy_account_id text NOT NULL,
        session_hash bytea NOT NULL UNIQUE,
        method text NOT NULL CHECK (method IN ('one_time_passcode', 'support_proofing')),
        reasons text[] NOT NULL,
        channel_kind text CHECK (channel_kind IN ('email', 'sms')),
        channel_masked text,
        code_hmac bytea,
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL CHECK (max_attempts > 0),
        status text NOT NULL CHECK (status IN ('pending', 'passed', 'locked', 'support_required')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        passed_at timestamptz,
        CHECK ((method = 'one_time_passcode') = (code_hmac IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX step_up_challenge_by_journey ON step_up_challenge (journey_id)`);

    // Each grant handed to enrollment, by jti: who got it and until when it is valid.
    await queryRunner.query(`
      CREATE TABLE enrollment_grant (
        jti uuid PRIMARY KEY,
        journey_id uuid NOT NULL REFERENCES journey (id),
        legacy_account_id text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX enrollment_grant_by_journey ON enrollment_grant (journey_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE enrollment_grant`);
    await queryRunner.query(`DROP TABLE step_up_challenge`);
    await queryRunner.query(`DROP TABLE fraud_flag`);
    await queryRunner.query(`DROP TABLE rate_limit_window`);
  }
}
