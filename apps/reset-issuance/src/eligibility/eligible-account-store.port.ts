import type { EntityManager } from 'typeorm';
import type { EligibleAccount } from './domain/eligible-account';

export const ELIGIBLE_ACCOUNT_STORE = Symbol('EligibleAccountStore');

/** Eligible accounts; writes join the caller's transaction (the consumer's inbox transaction). */
export interface EligibleAccountStore {
  /** Inserts or replaces the account, unless what is stored comes from a later link. */
  upsert(manager: EntityManager, account: EligibleAccount): Promise<void>;
}
