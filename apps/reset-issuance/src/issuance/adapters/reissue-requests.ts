import type { EntityManager } from 'typeorm';
import { inCausedStep, type WorkCause } from '../../shared/work-cause';
import { ClosedJourneyStatuses, type JourneyStatus } from '../../journeys/domain/journey-status';
import { journeyStatusListSql } from '../../journeys/adapters/journey-status.sql';
import type { Issuance } from '../domain/issuance';
import type { PendingReissueRequests, ReissueRequestTarget, ReissueResolution } from '../issuance-store.port';
import { writeIssuances } from './issuance-writer';
import { NOT_HELD, toLinkTarget, type LinkTargetRow } from './link-target-row';

const CLOSED = journeyStatusListSql(ClosedJourneyStatuses);

interface CandidateRow extends LinkTargetRow {
  request_id: string;
  journey_status: JourneyStatus;
  starts_at: Date;
  cutoff_at: Date;
  held: boolean;
  last_issued_at: Date | null;
}

/**
 * One transaction: claim pending requests, resolve each (an address through eligible_contact, or
 * an account id) to the account's open journey, lock those journeys, store what `resolve`
 * decided, and mark every claimed request processed — unknown addresses included, silently.
 */
export async function processReissueRequests(
  manager: EntityManager,
  now: Date,
  limit: number,
  resolve: (pending: PendingReissueRequests) => ReissueResolution,
): Promise<{ requests: number; issuances: Issuance[] }> {
  const requests: Array<{ id: string; trace_context: WorkCause | null }> = await manager.query(
    `SELECT id, trace_context FROM reissue_request WHERE processed_at IS NULL ORDER BY id LIMIT $1
       FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (requests.length === 0) return { requests: 0, issuances: [] };
  // The rest of the transaction in a span linked to each customer's request.
  return inCausedStep(
    'process reissue requests',
    requests.map((request) => request.trace_context),
    {},
    () =>
      resolveRequests(
        manager,
        now,
        requests.map((request) => String(request.id)),
        resolve,
      ),
  );
}

async function resolveRequests(
  manager: EntityManager,
  now: Date,
  requestIds: string[],
  resolve: (pending: PendingReissueRequests) => ReissueResolution,
): Promise<{ requests: number; issuances: Issuance[] }> {
  const rows: CandidateRow[] = await manager.query(
    `SELECT r.id::text AS request_id, j.id AS journey_id, j.legacy_account_id, j.wave_id, j.status AS journey_status,
       w.link_lifetime_minutes, w.starts_at, w.cutoff_at, e.verified_contacts,
       NOT ${NOT_HELD('j.legacy_account_id')} AS held,
       (SELECT max(t.issued_at) FROM reset_token t WHERE t.legacy_account_id = j.legacy_account_id) AS last_issued_at,
       (SELECT t.id FROM reset_token t WHERE t.legacy_account_id = j.legacy_account_id AND t.status = 'live')
         AS live_token_id
     FROM reissue_request r
     JOIN eligible_account e ON e.legacy_account_id = r.legacy_account_id
       OR e.legacy_account_id IN (SELECT c.legacy_account_id FROM eligible_contact c WHERE c.contact_hash = r.contact_hash)
     JOIN journey j ON j.legacy_account_id = e.legacy_account_id AND j.status NOT IN (${CLOSED})
     JOIN wave w ON w.id = j.wave_id AND w.status = 'launched'
     WHERE r.id = ANY($1::bigint[])
     ORDER BY r.id
     FOR UPDATE OF j`,
    [requestIds],
  );
  const candidates: ReissueRequestTarget[] = rows.map((row) => ({
    requestId: row.request_id,
    target: toLinkTarget(row),
    journeyStatus: row.journey_status,
    waveStartsAt: row.starts_at,
    waveCutoffAt: row.cutoff_at,
    held: row.held,
    ...(row.last_issued_at ? { lastIssuedAt: row.last_issued_at } : {}),
  }));
  const resolution = resolve({ requestIds, candidates });
  await writeIssuances(manager, resolution.issuances, resolution.events);
  await manager.query(
    `UPDATE reissue_request r SET processed_at = $3, outcome = x.outcome
     FROM unnest($1::bigint[], $2::text[]) AS x (id, outcome) WHERE r.id = x.id`,
    [requestIds, requestIds.map((id) => resolution.outcomes.get(id) ?? 'unknown'), now],
  );
  return { requests: requestIds.length, issuances: resolution.issuances };
}
