import type { RecoveryCodeStore } from '../recovery-codes/recovery-code-store.port';

interface StoredCode {
  createdAt: Date;
  usedAt?: Date;
}

/** An in-memory RecoveryCodeStore for unit specs; it passes the port's contract suite. */
export class FakeRecoveryCodeStore implements RecoveryCodeStore {
  /** Account id → digest (hex) → code, as the table's rows. */
  readonly rows = new Map<string, Map<string, StoredCode>>();

  async replace(accountId: string, digests: readonly Buffer[], now: Date): Promise<void> {
    const set = new Map<string, StoredCode>();
    for (const digest of digests) {
      const key = digest.toString('hex');
      // As the table's primary key does, and before anything changes.
      if (set.has(key))
        throw new Error('duplicate key value violates unique constraint "recovery_code_pkey"');
      set.set(key, { createdAt: new Date(now) });
    }
    this.rows.set(accountId, set);
  }

  async spend(accountId: string, digest: Buffer, now: Date): Promise<boolean> {
    const code = this.rows.get(accountId)?.get(digest.toString('hex'));
    if (!code || code.usedAt) return false;
    code.usedAt = new Date(now);
    return true;
  }

  async remaining(accountId: string): Promise<number> {
    return [...(this.rows.get(accountId)?.values() ?? [])].filter((code) => !code.usedAt).length;
  }
}
