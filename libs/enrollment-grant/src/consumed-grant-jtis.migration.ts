import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `jti`s of grants already used, for the service that accepts grants (enrollment) to list
 * beside its own migrations. Rows can go once the grant has expired: it fails verification anyway.
 */
export class ConsumedGrantJtis1767657600001 implements MigrationInterface {
  name = 'ConsumedGrantJtis1767657600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE consumed_grant_jti (
        jti uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX consumed_grant_jti_by_expiry ON consumed_grant_jti (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consumed_grant_jti`);
  }
}
