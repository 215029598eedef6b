import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountHolds1767312000000 implements MigrationInterface {
  name = 'AccountHolds1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE account_hold (
        id uuid PRIMARY KEY,
        legacy_account_id text NOT NULL,
        reason text NOT NULL,
        placed_by text NOT NULL,
        placed_by_role text NOT NULL,
        placed_at timestamptz NOT NULL,
        released_by text,
        released_by_role text,
        released_at timestamptz,
        release_note text
      )`);
    // At most one active hold per account, whatever the races between replicas.
    await queryRunner.query(
      `CREATE UNIQUE INDEX account_hold_one_active ON account_hold (legacy_account_id) WHERE released_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX account_hold_by_account ON account_hold (legacy_account_id, placed_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE account_hold`);
  }
}
