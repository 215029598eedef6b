/**
 * The proof the legacy path is closed: the old password (the simulator's derivation) of an account
 * migrated in this run no longer signs in at the legacy system, while an account that was not
 * migrated still can, so the refusal is the migration's doing and not a broken login.
 */
import { legacyPasswordOf } from '../legacy-ciam/legacy-passwords';
import type { LegacyCiamClient } from './legacy-ciam-client';

export interface LegacyLoginCheck {
  migrated?: { accountId: string; outcome: 'accepted' | 'refused' };
  notMigrated?: { accountId: string; outcome: 'accepted' | 'refused' };
}

export async function checkLegacyLogins(
  legacy: LegacyCiamClient,
  migratedIds: readonly string[],
  allIds: readonly string[],
): Promise<LegacyLoginCheck> {
  const check: LegacyLoginCheck = {};
  const migratedId = migratedIds[0];
  if (migratedId !== undefined)
    check.migrated = {
      accountId: migratedId,
      outcome: await legacy.login(migratedId, legacyPasswordOf(migratedId)),
    };
  const migrated = new Set(migratedIds);
  // From the end of the directory, the first accounts being the likeliest to be in a wave; a
  // couple of hundred tries at most.
  for (const id of allIds.slice(-200).reverse()) {
    if (migrated.has(id)) continue;
    const account = await legacy.account(id);
    if (!account || account.loginRetired || account.revokedAt) continue;
    check.notMigrated = { accountId: id, outcome: await legacy.login(id, legacyPasswordOf(id)) };
    break;
  }
  return check;
}

export function legacyLoginText(check: LegacyLoginCheck): string {
  const line = (label: string, expected: string, result?: { accountId: string; outcome: string }) =>
    result
      ? `  ${label.padEnd(28)} ${result.accountId.padEnd(24)} ${result.outcome}${result.outcome === expected ? '' : `  (expected ${expected})`}`
      : `  ${label.padEnd(28)} (no such account in this run)`;
  return [
    'Legacy login with the old password, at the legacy system (the simulator):',
    line('migrated in this run', 'refused', check.migrated),
    line('not migrated', 'accepted', check.notMigrated),
  ].join('\n');
}
