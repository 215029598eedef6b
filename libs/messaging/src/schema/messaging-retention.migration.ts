import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block-range indexes on when outbox and inbox rows were written: both tables only grow at their
 * end, so a BRIN index finds the oldest rows for the retention sweep at almost no cost to the
 * writes (a B-tree would add an insertion to every event written and every event handled).
 */
export class MessagingRetention1768000000000 implements MigrationInterface {
  name = 'MessagingRetention1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX outbox_message_created ON outbox_message USING brin (created_at)`);
    await queryRunner.query(`CREATE INDEX inbox_message_handled ON inbox_message USING brin (handled_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX inbox_message_handled`);
    await queryRunner.query(`DROP INDEX outbox_message_created`);
  }
}
