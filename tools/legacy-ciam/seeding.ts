import type { AccountStore } from './account-store';
import { readDirectoryAccountIds } from './directory-accounts';

/**
 * Seeds the simulator with every account of a legacy directory export (the demo's
 * tmp/demo/legacy-directory.csv): each gets its derived password and 1–3 sessions opened before
 * the migration. Accounts already there keep their state, so seeding twice changes nothing.
 */
export async function seedFromDirectoryFile(
  store: AccountStore,
  file: string,
): Promise<{ ids: string[]; created: number; existing: number }> {
  const ids = await readDirectoryAccountIds(file);
  return { ids, ...store.addAccounts(ids) };
}
