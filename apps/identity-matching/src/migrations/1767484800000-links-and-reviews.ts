import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LinksAndReviews1767484800000 implements MigrationInterface {
  name = 'LinksAndReviews1767484800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE match_run (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        requested_by text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        failure text,
        legacy_count integer,
        target_count integer,
        candidate_pairs bigint,
        linked_count integer,
        review_count integer,
        new_count integer,
        changed_count integer,
        links_created integer,
        reviews_opened integer,
        events_emitted integer,
        model jsonb
      )`);
    await queryRunner.query(`CREATE INDEX match_run_started ON match_run (started_at DESC)`);
    // The latest decision of the engine for each legacy account; result_hash makes an unchanged
    // result a no-op on the next run.
    await queryRunner.query(`
      CREATE TABLE account_match (
        legacy_account_id text COLLATE "C" PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES match_run (id),
        outcome text NOT NULL CHECK (outcome IN ('linked', 'review', 'new')),
        target_account_id text,
        band text NOT NULL CHECK (band IN ('high', 'medium', 'low', 'none')),
        probability double precision NOT NULL,
        evidence jsonb,
        segments text[] NOT NULL,
        primary_segment text NOT NULL,
        review_reasons text[] NOT NULL,
        result_hash bytea NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Reports group by these, over a million rows.
    await queryRunner.query(`CREATE INDEX account_match_band ON account_match (band, legacy_account_id)`);
    await queryRunner.query(`
      CREATE TABLE review_item (
        id uuid PRIMARY KEY,
        legacy_account_id text COLLATE "C" NOT NULL,
        kind text NOT NULL CHECK (kind IN ('match', 'link_disputed')),
        status text NOT NULL CHECK (status IN ('open', 'pending_approval', 'resolved', 'superseded')),
        run_id uuid NOT NULL REFERENCES match_run (id),
        reasons text[] NOT NULL,
        candidate_target_ids text[] NOT NULL,
        target_account_id text,
        band text NOT NULL CHECK (band IN ('high', 'medium', 'low', 'none')),
        probability double precision NOT NULL,
        evidence jsonb,
        segments text[] NOT NULL,
        primary_segment text NOT NULL,
        verified_contacts jsonb NOT NULL,
        decision text CHECK (decision IN ('link', 'create_new', 'exclude')),
        decision_target_id text,
        note text,
        resolved_by text,
        resolved_by_role text,
        resolved_at timestamptz,
        approved_by text,
        approved_by_role text,
        approved_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // At most one case in progress per account, whichever replica or run raises it.
    await queryRunner.query(
      `CREATE UNIQUE INDEX review_item_active ON review_item (legacy_account_id)
         WHERE status IN ('open', 'pending_approval')`,
    );
    await queryRunner.query(`CREATE INDEX review_item_queue ON review_item (status, id)`);
    await queryRunner.query(
      `CREATE INDEX review_item_account ON review_item (legacy_account_id, created_at DESC)`,
    );
    // A verified link: from a run (high band, no reason) or from a resolved review. Runs never
    // delete or repoint one; only a reviewer's resolution replaces it.
    await queryRunner.query(`
      CREATE TABLE identity_link (
        legacy_account_id text COLLATE "C" PRIMARY KEY,
        target_account_id text NOT NULL,
        target_account_created boolean NOT NULL,
        method text NOT NULL CHECK (method IN ('deterministic', 'probabilistic', 'manual_review')),
        band text NOT NULL CHECK (band IN ('high', 'medium', 'low')),
        probability double precision NOT NULL,
        run_id uuid REFERENCES match_run (id),
        review_id uuid REFERENCES review_item (id),
        linked_by text,
        approved_by text,
        linked_at timestamptz NOT NULL
      )`);
    // An exclusion is a reviewer's decision about the account itself: runs leave it alone.
    await queryRunner.query(`
      CREATE TABLE account_exclusion (
        legacy_account_id text COLLATE "C" PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES review_item (id),
        excluded_by text NOT NULL,
        excluded_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE account_exclusion`);
    await queryRunner.query(`DROP TABLE identity_link`);
    await queryRunner.query(`DROP TABLE review_item`);
    await queryRunner.query(`DROP TABLE account_match`);
    await queryRunner.query(`DROP TABLE match_run`);
  }
}
