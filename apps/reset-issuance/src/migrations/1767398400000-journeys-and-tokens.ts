import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core of reset issuance: accounts that may be reset (verified links from identity matching),
 * waves, one journey per account and wave, and the reset tokens of each journey.
 */
export class JourneysAndTokens1767398400000 implements MigrationInterface {
  name = 'JourneysAndTokens1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Filled from identity.linked: only a verified link ever lands here.
    await queryRunner.query(`
      CREATE TABLE eligible_account (
        legacy_account_id text PRIMARY KEY,
        target_account_id text NOT NULL,
        target_account_created boolean NOT NULL,
        segment text NOT NULL,
        segments text[] NOT NULL,
        band text NOT NULL,
        verified_contacts jsonb NOT NULL,
        linked_at timestamptz NOT NULL,
        link_event_id uuid NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX eligible_account_by_segment ON eligible_account (segment)`);
    await queryRunner.query(`
      CREATE TABLE wave (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'launched', 'completed', 'cancelled')),
        cohort jsonb NOT NULL,
        notice_at timestamptz NOT NULL,
        starts_at timestamptz NOT NULL,
        cutoff_at timestamptz NOT NULL,
        pace_per_second double precision NOT NULL CHECK (pace_per_second > 0),
        link_lifetime_minutes integer NOT NULL CHECK (link_lifetime_minutes BETWEEN 1 AND 1440),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        launched_by text,
        launched_at timestamptz,
        account_count integer
      )`);
    await queryRunner.query(`
      CREATE TABLE journey (
        id uuid PRIMARY KEY,
        wave_id uuid NOT NULL REFERENCES wave (id),
        legacy_account_id text NOT NULL REFERENCES eligible_account (legacy_account_id),
        status text NOT NULL CHECK (status IN (
          'awaiting_issue', 'issued', 'redeemed', 'step_up_required', 'stepped_up', 'handed_off', 'expired', 'cancelled')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (wave_id, legacy_account_id)
      )`);
    // An account is in at most one open journey, whichever wave it came from.
    await queryRunner.query(`
      CREATE UNIQUE INDEX journey_one_open_per_account ON journey (legacy_account_id)
        WHERE status NOT IN ('handed_off', 'cancelled')`);
    await queryRunner.query(`CREATE INDEX journey_by_wave_status ON journey (wave_id, status)`);
    // Only the SHA-256 of a token is stored; the token itself exists only in the message sent.
    await queryRunner.query(`
      CREATE TABLE reset_token (
        id uuid PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        journey_id uuid NOT NULL REFERENCES journey (id),
        legacy_account_id text NOT NULL,
        wave_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('live', 'redeemed', 'superseded', 'expired')),
        trigger text NOT NULL CHECK (trigger IN ('wave', 'reissue', 'support_assisted')),
        channel_kind text NOT NULL CHECK (channel_kind IN ('email', 'sms')),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        delivered_at timestamptz,
        spent_at timestamptz,
        superseded_by uuid
      )`);
    // Exactly one live token per account: a newer one must supersede the old in the same transaction.
    await queryRunner.query(
      `CREATE UNIQUE INDEX reset_token_one_live ON reset_token (legacy_account_id) WHERE status = 'live'`,
    );
    await queryRunner.query(
      `CREATE INDEX reset_token_live_by_expiry ON reset_token (expires_at) WHERE status = 'live'`,
    );
    await queryRunner.query(
      `CREATE INDEX reset_token_undelivered ON reset_token (issued_at) WHERE status = 'live' AND delivered_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reset_token`);
    await queryRunner.query(`DROP TABLE journey`);
    await queryRunner.query(`DROP TABLE wave`);
    await queryRunner.query(`DROP TABLE eligible_account`);
  }
}
