import type { EntityManager } from 'typeorm';
import type { AccountHold } from './domain/account-hold';

export const HOLD_STORE = Symbol('HoldStore');

/** Holds as enrollment knows them; writes join the consumer's inbox transaction. */
export interface HoldStore {
  place(manager: EntityManager, hold: AccountHold): Promise<void>;
  /** A release that arrives before its placement (another partition) is kept, so the late placement stays released. */
  release(manager: EntityManager, hold: Omit<AccountHold, 'placedAt'>, releasedAt: Date): Promise<void>;
  isHeld(legacyAccountId: string, manager?: EntityManager): Promise<boolean>;
}
