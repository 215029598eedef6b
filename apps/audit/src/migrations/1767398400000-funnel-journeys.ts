import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The migration funnel, projected from the log in the same transaction as each record. Unlike
 * audit_event these tables are a view that upserts converge (first times by LEAST), so they may be
 * updated; they prove nothing and can be rebuilt from the log.
 */
export class FunnelJourneys1767398400000 implements MigrationInterface {
  name = 'FunnelJourneys1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keyed by journey (one legacy account in one wave): every step event names its journey, some
    // (session revocation) name no wave, which a later or earlier wave event fills in.
    await queryRunner.query(`
      CREATE TABLE funnel_journey (
        journey_id uuid PRIMARY KEY,
        wave_id uuid,
        legacy_account_id text NOT NULL,
        notified_at timestamptz,
        issued_at timestamptz,
        redeemed_at timestamptz,
        step_up_required_at timestamptz,
        stepped_up_at timestamptz,
        enrolled_at timestamptz,
        migrated_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX funnel_journey_by_wave ON funnel_journey (wave_id)`);
    await queryRunner.query(
      `CREATE INDEX funnel_journey_by_account ON funnel_journey (legacy_account_id, wave_id)`,
    );
    // The link carries no wave: it is kept per account and joined when the funnel is read.
    await queryRunner.query(`
      CREATE TABLE funnel_link (
        legacy_account_id text PRIMARY KEY,
        segment text NOT NULL,
        segments text[] NOT NULL,
        linked_at timestamptz NOT NULL,
        segment_event_id uuid NOT NULL,
        segment_time timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE funnel_wave (
        wave_id uuid PRIMARY KEY,
        name text NOT NULL,
        cutoff_at timestamptz NOT NULL,
        account_count integer,
        described_rank smallint NOT NULL,
        described_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE funnel_wave`);
    await queryRunner.query(`DROP TABLE funnel_link`);
    await queryRunner.query(`DROP TABLE funnel_journey`);
  }
}
