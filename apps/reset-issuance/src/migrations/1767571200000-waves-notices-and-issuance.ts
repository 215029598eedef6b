import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What planning waves and issuing links need beyond the core schema: campaigns, explicit cohort
 * lists, the contact index behind "send me a new link", per-wave pacing, notices and re-issue
 * requests.
 */
export class WavesNoticesAndIssuance1767571200000 implements MigrationInterface {
  name = 'WavesNoticesAndIssuance1767571200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    // The core schema left wave.campaign_id unconstrained; campaigns exist from here on.
    await queryRunner.query(
      `ALTER TABLE wave ADD CONSTRAINT wave_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaign (id)`,
    );
    // An explicit cohort: the legacy account ids an operator listed, instead of a rule.
    await queryRunner.query(`
      CREATE TABLE cohort_list_entry (
        list_id uuid NOT NULL,
        legacy_account_id text NOT NULL,
        PRIMARY KEY (list_id, legacy_account_id)
      )`);
    // SHA-256 of each normalised verified contact: "send me a new link" finds the account from an
    // address without scanning contacts in clear.
    await queryRunner.query(`
      CREATE TABLE eligible_contact (
        contact_hash bytea NOT NULL,
        legacy_account_id text NOT NULL REFERENCES eligible_account (legacy_account_id),
        PRIMARY KEY (contact_hash, legacy_account_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX eligible_contact_by_account ON eligible_contact (legacy_account_id)`,
    );
    // A token bucket per wave, shared by every replica: whoever holds the row lock issues.
    await queryRunner.query(`
      CREATE TABLE wave_pacing (
        wave_id uuid PRIMARY KEY REFERENCES wave (id),
        allowance double precision NOT NULL,
        refilled_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY,
        journey_id uuid NOT NULL REFERENCES journey (id),
        wave_id uuid NOT NULL,
        legacy_account_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('advance_notice', 'reminder')),
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'skipped')),
        due_at timestamptz NOT NULL,
        claimed_until timestamptz,
        channel_kind text CHECK (channel_kind IN ('email', 'sms')),
        sent_at timestamptz,
        UNIQUE (journey_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX notice_pending_by_due ON notice (due_at) WHERE status = 'pending'`);
    // The customer-facing "send me a new link" only inserts here; the scheduler resolves it later,
    // so the endpoint's cost and answer never depend on whether the address is known.
    await queryRunner.query(`
      CREATE TABLE reissue_request (
        id bigserial PRIMARY KEY,
        contact_hash bytea,
        legacy_account_id text,
        created_at timestamptz NOT NULL,
        processed_at timestamptz,
        outcome text,
        CHECK (contact_hash IS NOT NULL OR legacy_account_id IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX reissue_request_pending ON reissue_request (id) WHERE processed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX reset_token_by_account ON reset_token (legacy_account_id, issued_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reset_token_by_account`);
    await queryRunner.query(`DROP TABLE reissue_request`);
    await queryRunner.query(`DROP TABLE notice`);
    await queryRunner.query(`DROP TABLE wave_pacing`);
    await queryRunner.query(`DROP TABLE eligible_contact`);
    await queryRunner.query(`DROP TABLE cohort_list_entry`);
    await queryRunner.query(`ALTER TABLE wave DROP CONSTRAINT wave_campaign_fk`);
    await queryRunner.query(`DROP TABLE campaign`);
  }
}
