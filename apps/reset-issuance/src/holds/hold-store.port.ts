import type { RekeyEvent } from '@rekey/contracts';
import type { Hold } from './domain/hold';

export const HOLD_STORE = Symbol('HoldStore');

/** The holds of reset-issuance's database; a change and its events commit together. */
export interface HoldStore {
  /** Runs `change` on the account's latest hold under a row lock, then stores its result and events. */
  changeLatest(
    legacyAccountId: string,
    change: (latest: Hold | undefined) => { hold: Hold; events: RekeyEvent[] },
  ): Promise<Hold>;
  activeHold(legacyAccountId: string): Promise<Hold | undefined>;
  /** Whether identity matching linked this account (it is in eligible_account). */
  isKnownAccount(legacyAccountId: string): Promise<boolean>;
}
