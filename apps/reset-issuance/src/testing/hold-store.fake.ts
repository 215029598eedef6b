import type { RekeyEvent } from '@rekey/contracts';
import { isActive, type Hold } from '../holds/domain/hold';
import { HoldAlreadyActive } from '../holds/domain/hold.errors';
import type { HoldStore } from '../holds/hold-store.port';

/**
 * The holds of one account kept in memory, honouring the PostgreSQL adapter's contract
 * (holds/hold-store.contract.ts): at most one active hold per account, the change and its events
 * stored together or not at all, the latest hold by placement time.
 */
export class FakeHoldStore implements HoldStore {
  private readonly holds = new Map<string, Hold>();
  private readonly knownAccounts = new Set<string>();
  /** The events stored with each change, in order. */
  readonly events: RekeyEvent[] = [];

  /** Identity matching linked this account (an `eligible_account` row, for the adapter). */
  knowAccount(legacyAccountId: string): void {
    this.knownAccounts.add(legacyAccountId);
  }

  // Nothing awaits between reading the latest hold and storing the change: like the adapter's row
  // lock, concurrent calls on one account see each other's result.
  async changeLatest(
    legacyAccountId: string,
    change: (latest: Hold | undefined) => { hold: Hold; events: RekeyEvent[] },
  ): Promise<Hold> {
    const { hold, events } = change(this.latest(legacyAccountId));
    const otherActive = [...this.holds.values()].some(
      (stored) =>
        stored.legacyAccountId === hold.legacyAccountId && stored.id !== hold.id && isActive(stored),
    );
    // The adapter's partial unique index: one active hold per account.
    if (isActive(hold) && otherActive) throw new HoldAlreadyActive(legacyAccountId);
    this.holds.set(hold.id, structuredClone(hold));
    this.events.push(...events);
    return hold;
  }

  async activeHold(legacyAccountId: string): Promise<Hold | undefined> {
    const active = [...this.holds.values()].find(
      (hold) => hold.legacyAccountId === legacyAccountId && isActive(hold),
    );
    return active && structuredClone(active);
  }

  async isKnownAccount(legacyAccountId: string): Promise<boolean> {
    return this.knownAccounts.has(legacyAccountId);
  }

  private latest(legacyAccountId: string): Hold | undefined {
    const ofAccount = [...this.holds.values()].filter((hold) => hold.legacyAccountId === legacyAccountId);
    ofAccount.sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime());
    return ofAccount[0] && structuredClone(ofAccount[0]);
  }
}
