import type { RekeyEvent } from '@rekey/contracts';
import type { AccountTotpStore, PendingAccountTotp } from '../sign-in/account-totp-store.port';
import type { StoredTotpFactor, TotpFactorStore } from '../totp/totp-factor-store.port';

/**
 * The account's one TOTP factor row in memory, as the account page's store and the TOTP store
 * both see it, and the events a confirmation committed. Accounts in `withPassword` may add one.
 */
export class FakeAccountTotpStore implements AccountTotpStore, Pick<TotpFactorStore, 'find'> {
  readonly factors = new Map<string, StoredTotpFactor>();
  readonly events: RekeyEvent[] = [];

  constructor(private readonly withPassword: ReadonlySet<string>) {}

  async savePending(pending: PendingAccountTotp): Promise<boolean> {
    if (!this.withPassword.has(pending.legacyAccountId)) return false;
    if (this.factors.get(pending.legacyAccountId)?.confirmedAt) return false;
    this.factors.set(pending.legacyAccountId, { ...pending, journeyId: 'migrating-journey' });
    return true;
  }

  async find(legacyAccountId: string): Promise<StoredTotpFactor | undefined> {
    const factor = this.factors.get(legacyAccountId);
    return factor ? { ...factor } : undefined;
  }

  async confirm(
    factor: { legacyAccountId: string; sealedSecret: Buffer; step: number; at: Date },
    event: RekeyEvent,
  ): Promise<boolean> {
    const stored = this.factors.get(factor.legacyAccountId);
    if (!stored || stored.confirmedAt || !stored.sealedSecret.equals(factor.sealedSecret)) return false;
    if (stored.lastUsedStep !== undefined && stored.lastUsedStep >= factor.step) return false;
    this.factors.set(factor.legacyAccountId, {
      ...stored,
      lastUsedStep: factor.step,
      confirmedAt: factor.at,
    });
    this.events.push(event);
    return true;
  }
}
