import type { DirectoryRecord } from '../../directory/domain/directory-record';

/**
 * Contacts held by more than one legacy account: shared inboxes, a household's landline, a
 * parent's address on a child's account. Whoever reads that inbox could take over every account
 * on it, so such accounts are never linked or reset without a person looking.
 */
export interface SharedContacts {
  /** accounts[l] is 1 when legacy record l holds a shared contact. */
  accounts: Uint8Array;
  isSharedEmail(value: string): boolean;
  isSharedPhone(value: string): boolean;
}

const SHARED = -1;

export function findSharedContacts(legacy: readonly DirectoryRecord[]): SharedContacts {
  const accounts = new Uint8Array(legacy.length);
  // First holder's index, or SHARED once a second account holds it.
  const emailHolders = new Map<string, number>();
  const phoneHolders = new Map<string, number>();
  legacy.forEach((record, index) => {
    for (const email of record.emails) noteHolder(emailHolders, email.value, index, accounts);
    for (const phone of record.phones) noteHolder(phoneHolders, phone.value, index, accounts);
  });
  return {
    accounts,
    isSharedEmail: (value) => emailHolders.get(value) === SHARED,
    isSharedPhone: (value) => phoneHolders.get(value) === SHARED,
  };
}

function noteHolder(holders: Map<string, number>, value: string, index: number, accounts: Uint8Array): void {
  const holder = holders.get(value);
  if (holder === undefined) {
    holders.set(value, index);
  } else if (holder === SHARED) {
    accounts[index] = 1;
  } else if (holder !== index) {
    accounts[holder] = 1;
    accounts[index] = 1;
    holders.set(value, SHARED);
  }
}
