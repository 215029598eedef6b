import type { EntityManager } from 'typeorm';
import type { EligibleAccount } from '../eligibility/domain/eligible-account';
import type { EligibleAccountStore } from '../eligibility/eligible-account-store.port';

/**
 * Eligible accounts and the hashes of their contacts kept in memory, honouring the PostgreSQL
 * adapter's contract (eligible-account-store.contract.ts): a link replaces what an earlier or
 * equally old link stored, contacts included, and never what a later one did.
 */
export class FakeEligibleAccountStore implements EligibleAccountStore {
  private accounts = new Map<string, EligibleAccount>();

  /** The fake joins no real transaction: `transaction` stands for the caller's. */
  async upsert(_manager: EntityManager, account: EligibleAccount): Promise<void> {
    const stored = this.accounts.get(account.legacyAccountId);
    if (stored && stored.linkedAt.getTime() > account.linkedAt.getTime()) return;
    this.accounts.set(account.legacyAccountId, copyOf(account));
  }

  /**
   * The caller's transaction (the consumer's inbox transaction): what `work` stored is undone
   * when it throws. Not for concurrent transactions that fail: a rollback restores the state
   * from before this one began.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const before = new Map(this.accounts);
    try {
      return await work({} as EntityManager);
    } catch (error) {
      this.accounts = before;
      throw error;
    }
  }

  /** The stored account, its contact hashes once each. */
  find(legacyAccountId: string): EligibleAccount | undefined {
    const account = this.accounts.get(legacyAccountId);
    return account && copyOf(account);
  }

  /** The accounts a contact hash names (several when a household shares an address). */
  accountsWithContact(contactHash: Buffer): string[] {
    return [...this.accounts.values()]
      .filter((account) => account.contactHashes.some((hash) => hash.equals(contactHash)))
      .map((account) => account.legacyAccountId);
  }
}

function copyOf(account: EligibleAccount): EligibleAccount {
  const hashes = new Map(account.contactHashes.map((hash) => [hash.toString('hex'), Buffer.from(hash)]));
  return {
    ...account,
    segments: [...account.segments],
    verifiedContacts: account.verifiedContacts.map((contact) => ({ ...contact })),
    linkedAt: new Date(account.linkedAt),
    contactHashes: [...hashes.values()],
  };
}
