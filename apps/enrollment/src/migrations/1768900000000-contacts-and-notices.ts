import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verified contacts identity matching releases to enrollment (one row per legacy account, the
 * newest release wins), and the notices "a sign-in method was added" queued for each of them in
 * the transaction that finished the enrolment, until the sender has delivered them.
 */
export class ContactsAndNotices1768900000000 implements MigrationInterface {
  name = 'ContactsAndNotices1768900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE account_contact (
        legacy_account_id text PRIMARY KEY,
        verified_contacts jsonb NOT NULL,
        released_at timestamptz NOT NULL,
        release_event_id uuid NOT NULL
      )`);
    // recipient is copied when queued: a retry sends to whom the first attempt sent. lease_until
    // keeps replicas (and a restarted sender) from sending one notice at the same time.
    await runner.query(`
      CREATE TABLE sign_in_method_notice (
        id uuid PRIMARY KEY,
        legacy_account_id text NOT NULL,
        journey_id uuid,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        methods text[] NOT NULL,
        added_at timestamptz NOT NULL,
        lease_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX sign_in_method_notice_unsent ON sign_in_method_notice (added_at) WHERE sent_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE sign_in_method_notice`);
    await runner.query(`DROP TABLE account_contact`);
  }
}
