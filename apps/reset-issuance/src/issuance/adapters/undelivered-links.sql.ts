import type { VerifiedContact } from '@rekey/contracts';
import type { DataSource } from 'typeorm';
import type { UndeliveredLink } from '../issuance-store.port';
import { NOT_HELD } from './link-target-row';

/**
 * Live links not recorded delivered whose lease ran out: neither issued nor last attempted within
 * it. `delivery_attempted_at` is never before `issued_at`, so the `issued_at` bound lets the
 * undelivered-links index find them; `$1` is now, `$2` the lease in seconds.
 */
const LEASE_RAN_OUT = `t.status = 'live' AND t.delivered_at IS NULL
  AND t.issued_at < $1::timestamptz - make_interval(secs => $2)
  AND coalesce(t.delivery_attempted_at, t.issued_at) < $1::timestamptz - make_interval(secs => $2)`;

/**
 * The claim condition of undelivered links: the lease ran out, the link still works, its wave is
 * before its cutoff and its account is not held; `sealed` says whether the link keeps a sealed
 * copy (to send again) or not (to replace).
 */
export function undeliveredLinkSql(sealed: boolean): string {
  return `${LEASE_RAN_OUT} AND t.sealed_token IS ${sealed ? 'NOT NULL' : 'NULL'}
    AND t.expires_at > $1 AND w.cutoff_at > $1 AND ${NOT_HELD('t.legacy_account_id')}`;
}

interface UndeliveredRow {
  id: string;
  journey_id: string;
  legacy_account_id: string;
  wave_id: string;
  channel_kind: VerifiedContact['kind'];
  verified_contacts: VerifiedContact[];
  expires_at: Date;
  sealed_token: Buffer;
  token_hash: Buffer;
}

/**
 * Claims up to `limit` sealed undelivered links and renews their lease in one statement: the
 * row lock and the new attempt time commit together, so another replica skips them now and
 * takes them only if this attempt too goes unrecorded for a whole lease.
 */
export async function claimSealedUndelivered(
  dataSource: DataSource,
  now: Date,
  leaseSeconds: number,
  limit: number,
): Promise<UndeliveredLink[]> {
  const [rows]: [UndeliveredRow[], number] = await dataSource.query(
    `WITH due AS (
       SELECT t.id FROM reset_token t JOIN wave w ON w.id = t.wave_id
        WHERE ${undeliveredLinkSql(true)}
        ORDER BY t.issued_at LIMIT $3 FOR UPDATE OF t SKIP LOCKED)
     UPDATE reset_token t SET delivery_attempted_at = $1
       FROM due, eligible_account e
      WHERE t.id = due.id AND e.legacy_account_id = t.legacy_account_id
     RETURNING t.id, t.journey_id, t.legacy_account_id, t.wave_id, t.channel_kind, e.verified_contacts,
       t.expires_at, t.sealed_token, t.token_hash`,
    [now, leaseSeconds, limit],
  );
  return rows.map((row) => ({
    issuanceId: row.id,
    journeyId: row.journey_id,
    legacyAccountId: row.legacy_account_id,
    waveId: row.wave_id,
    channelKind: row.channel_kind,
    contacts: row.verified_contacts,
    expiresAt: row.expires_at,
    sealedToken: row.sealed_token,
    tokenHash: row.token_hash,
  }));
}
