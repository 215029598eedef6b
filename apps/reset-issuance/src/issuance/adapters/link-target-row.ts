import type { VerifiedContact } from '@rekey/contracts';
import type { LinkTarget } from '../domain/issuance';

/** The columns the claim queries select for a journey that is to get a link. */
export interface LinkTargetRow {
  journey_id: string;
  legacy_account_id: string;
  wave_id: string;
  link_lifetime_minutes: number;
  verified_contacts: VerifiedContact[];
  live_token_id: string | null;
}

export function toLinkTarget(row: LinkTargetRow): LinkTarget {
  return {
    journeyId: row.journey_id,
    legacyAccountId: row.legacy_account_id,
    waveId: row.wave_id,
    linkLifetimeMinutes: row.link_lifetime_minutes,
    contacts: row.verified_contacts,
    ...(row.live_token_id ? { liveTokenId: row.live_token_id } : {}),
  };
}

/** Accounts with an active hold get nothing while it lasts; their rows are simply not claimed. */
export const NOT_HELD = (account: string) =>
  `NOT EXISTS (SELECT 1 FROM account_hold h WHERE h.legacy_account_id = ${account} AND h.released_at IS NULL)`;
