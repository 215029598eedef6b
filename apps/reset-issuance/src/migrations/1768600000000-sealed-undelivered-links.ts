import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link's token, sealed (AES-256-CTR under LINK_SEALING_KEY, checked against its hash), kept only until its message is recorded
 * delivered, so that a sender that died mid-send resends the same link; and when a send of it was
 * last attempted, which renews the delivery lease. Links issued before have neither and are
 * replaced, as before, when undelivered.
 */
export class SealedUndeliveredLinks1768600000000 implements MigrationInterface {
  name = 'SealedUndeliveredLinks1768600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reset_token ADD COLUMN sealed_token bytea`);
    await queryRunner.query(`ALTER TABLE reset_token ADD COLUMN delivery_attempted_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reset_token DROP COLUMN delivery_attempted_at`);
    await queryRunner.query(`ALTER TABLE reset_token DROP COLUMN sealed_token`);
  }
}
