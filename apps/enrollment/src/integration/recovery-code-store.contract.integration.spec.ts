import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { enrollmentService } from '../enrollment.definition';
import { PgRecoveryCodeStore } from '../recovery-codes/adapters/pg-recovery-code-store.adapter';
import { describeRecoveryCodeStoreContract } from '../testing/recovery-code-store.contract';

let dataSource: DataSource;

beforeAll(async () => {
  // The table as the service's own migrations create it.
  ({ dataSource } = await openScratchDataSource('enrollment_recovery_codes', enrollmentService.migrations));
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
});

describeRecoveryCodeStoreContract(
  'PgRecoveryCodeStore on PostgreSQL',
  async () => new PgRecoveryCodeStore(dataSource),
);
