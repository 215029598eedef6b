import type { EntityManager } from 'typeorm';
import type { AccountContacts } from './domain/account-contacts';

export const CONTACT_STORE = Symbol('ContactStore');

/** Verified contacts per legacy account; writes join the consumer's inbox transaction. */
export interface ContactStore {
  /** Replaces the stored contacts unless they come from a newer release. */
  replace(manager: EntityManager, contacts: AccountContacts): Promise<void>;
}
