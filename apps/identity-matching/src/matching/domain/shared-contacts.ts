import type { RecordFeatures } from './record-features';
import type { RaggedIds } from './vocabulary';

/**
 * Contacts held by more than one legacy account: shared inboxes, a household's landline, a
 * parent's address on a child's account. Whoever reads that inbox could take over every account
 * on it, so such accounts are never linked or reset without a person looking.
 */
export interface SharedContacts {
  /** accounts[l] is 1 when legacy record l holds a shared contact. */
  accounts: Uint8Array;
  isSharedEmail(id: number): boolean;
  isSharedPhone(id: number): boolean;
}

const NOBODY = -1;
const SEVERAL = -2;

export function findSharedContacts(legacy: RecordFeatures): SharedContacts {
  const accounts = new Uint8Array(legacy.count);
  const emailHolders = holdersOf(legacy.emails, legacy.vocabulary.size, accounts);
  const phoneHolders = holdersOf(legacy.phones, legacy.vocabulary.size, accounts);
  return {
    accounts,
    isSharedEmail: (id) => emailHolders[id] === SEVERAL,
    isSharedPhone: (id) => phoneHolders[id] === SEVERAL,
  };
}

/** For each contact id, its one holder, SEVERAL, or NOBODY; marks every account of a shared contact. */
function holdersOf(contacts: RaggedIds, vocabularySize: number, accounts: Uint8Array): Int32Array {
  const holders = new Int32Array(vocabularySize).fill(NOBODY);
  for (let record = 0; record + 1 < contacts.offsets.length; record++) {
    for (let c = contacts.offsets[record] as number; c < (contacts.offsets[record + 1] as number); c++) {
      const id = contacts.values[c] as number;
      const holder = holders[id] as number;
      if (holder === NOBODY) {
        holders[id] = record;
      } else if (holder === SEVERAL) {
        accounts[record] = 1;
      } else if (holder !== record) {
        accounts[holder] = 1;
        accounts[record] = 1;
        holders[id] = SEVERAL;
      }
    }
  }
  return holders;
}
