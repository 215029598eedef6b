import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RecoveryCodeStore } from '../recovery-code-store.port';
import {
  remainingRecoveryCodesIn,
  replaceRecoveryCodesIn,
  spendRecoveryCodeIn,
} from './recovery-code-rows.sql';

/**
 * Recovery codes in PostgreSQL, plain SQL on the recovery_code table (created by the service's
 * migrations). Each method is its own transaction; a use case that must replace a set together
 * with another change calls the statements of recovery-code-rows.sql.ts in its own transaction.
 */
@Injectable()
export class PgRecoveryCodeStore implements RecoveryCodeStore {
  constructor(private readonly dataSource: DataSource) {}

  replace(accountId: string, digests: readonly Buffer[], now: Date): Promise<void> {
    return this.dataSource.transaction((manager) => replaceRecoveryCodesIn(manager, accountId, digests, now));
  }

  spend(accountId: string, digest: Buffer, now: Date): Promise<boolean> {
    return spendRecoveryCodeIn(this.dataSource.manager, accountId, digest, now);
  }

  remaining(accountId: string): Promise<number> {
    return remainingRecoveryCodesIn(this.dataSource.manager, accountId);
  }
}
