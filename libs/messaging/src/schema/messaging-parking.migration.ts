import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refused outbox rows: each row counts the broker's refusals and keeps the last one; a row refused
 * for good too often moves, with its error, to `outbox_parked`, out of the relay's way, until an
 * operator re-queues it (`npm run outbox -- requeue`).
 */
export class MessagingParking1768100000000 implements MigrationInterface {
  name = 'MessagingParking1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox_message
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text`);
    await queryRunner.query(`
      CREATE TABLE outbox_parked (
        id bigint PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        attempts integer NOT NULL,
        last_error text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_parked`);
    await queryRunner.query(`ALTER TABLE outbox_message DROP COLUMN last_error, DROP COLUMN attempts`);
  }
}
