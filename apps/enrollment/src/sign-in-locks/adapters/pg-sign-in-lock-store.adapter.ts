import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import { signInLockReleased } from '../domain/sign-in-lock-released';
import type { SignInLockRelease, SignInLockStore } from '../sign-in-lock-store.port';

@Injectable()
export class PgSignInLockStore implements SignInLockStore {
  constructor(private readonly dataSource: DataSource) {}

  release(release: SignInLockRelease, threshold: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Conditional: of two releases (or a release and a passkey sign-in), one resets the count.
      const [reset] = (await manager.query(
        `DELETE FROM sign_in_failure WHERE legacy_account_id = $1 AND consecutive_failures >= $2
         RETURNING consecutive_failures`,
        [release.legacyAccountId, threshold],
      )) as [Array<{ consecutive_failures: number }>, number];
      const failures = reset[0]?.consecutive_failures;
      if (failures === undefined) return false;
      await manager.query(
        `INSERT INTO sign_in_lock_release (legacy_account_id, released_by, released_at, failures_at_release)
         VALUES ($1, $2, $3, $4)`,
        [release.legacyAccountId, release.releasedBy, release.releasedAt, failures],
      );
      await appendToOutbox(manager, [signInLockReleased(release, failures)]);
      return true;
    });
  }
}
