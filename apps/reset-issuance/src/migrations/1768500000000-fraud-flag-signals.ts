import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fraud flags come from fraud monitoring's signals (`rekey.fraud.signal-raised.v1`): one row per
 * account and signal, so a signal delivered again (or republished under another event id) adds
 * nothing, and the flag keeps the signal it came from. Redemption still asks whether any row
 * exists for the account, which the key's leading column answers. Rows written before (tests
 * only: nothing wrote flags) get a signal id of their own.
 */
export class FraudFlagSignals1768500000000 implements MigrationInterface {
  name = 'FraudFlagSignals1768500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE fraud_flag DROP CONSTRAINT fraud_flag_pkey`);
    await queryRunner.query(
      `ALTER TABLE fraud_flag ADD COLUMN signal_id uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await queryRunner.query(`ALTER TABLE fraud_flag ALTER COLUMN signal_id DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE fraud_flag ADD COLUMN severity text NOT NULL DEFAULT 'high'
         CHECK (severity IN ('low', 'medium', 'high'))`,
    );
    await queryRunner.query(`ALTER TABLE fraud_flag ALTER COLUMN severity DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE fraud_flag ADD PRIMARY KEY (legacy_account_id, signal_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE fraud_flag DROP CONSTRAINT fraud_flag_pkey`);
    // One flag per account again: the earliest stays.
    await queryRunner.query(
      `DELETE FROM fraud_flag f USING fraud_flag earlier
        WHERE f.legacy_account_id = earlier.legacy_account_id
          AND (earlier.flagged_at, earlier.signal_id) < (f.flagged_at, f.signal_id)`,
    );
    await queryRunner.query(`ALTER TABLE fraud_flag DROP COLUMN severity, DROP COLUMN signal_id`);
    await queryRunner.query(`ALTER TABLE fraud_flag ADD PRIMARY KEY (legacy_account_id)`);
  }
}
