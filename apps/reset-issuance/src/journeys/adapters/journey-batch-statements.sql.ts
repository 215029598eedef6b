import { unnestRows, type UnnestColumn } from '@rekey/persistence';
import type { EntityManager } from 'typeorm';
import { INITIAL_JOURNEY_STATUS } from '../domain/journey';
import type { JourneyEventType } from '../domain/journey-event';
import { JourneyTransitions } from '../domain/journey-transitions';
import { journeyStatusListSql, journeyStatusSql } from './journey-status.sql';

/**
 * The statements that change many journeys at once, for the adapters whose own rows (the cohort's
 * notices, a batch of tokens, the expired tokens) must commit with them: each runs in the caller's
 * transaction, in one statement whatever the batch size, as the benchmarks measure it. Their
 * statuses and guards come from the transition table, computed once when the module loads, so a
 * changed rule changes every batch too and the statements' text stays constant.
 */

/** Makes a parameter of the caller's statement from a value and answers its placeholder (`$n`). */
export type BindParameter = (value: unknown) => string;

const STARTED = journeyStatusSql(INITIAL_JOURNEY_STATUS);
const ISSUED = journeyStatusSql(JourneyTransitions.link_issued.to);
const ISSUABLE = journeyStatusListSql(JourneyTransitions.link_issued.from);
const EXPIRED = journeyStatusSql(JourneyTransitions.link_expired.to);
const EXPIRABLE = journeyStatusListSql(JourneyTransitions.link_expired.from);

/**
 * Starts one journey (as `startJourney` does) in `waveId` for every account `cohort` selects: a
 * query of one `legacy_account_id` column, whose parameters it makes with `bind`. An account
 * already in another open journey is left out: the partial unique index decides, so two waves
 * launched at once cannot both take it. Answers how many accounts matched and how many started.
 */
export async function startJourneysIn(
  manager: EntityManager,
  start: { waveId: string; startedAt: Date },
  cohort: (bind: BindParameter) => string,
): Promise<{ matched: number; started: number }> {
  const values: unknown[] = [start.waveId, start.startedAt];
  const cohortSql = cohort((value) => `$${values.push(value)}`);
  const [counts]: Array<{ matched: number; inserted: number }> = await manager.query(
    `WITH cohort AS (${cohortSql}),
       inserted AS (
         INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
         SELECT gen_random_uuid(), $1, legacy_account_id, ${STARTED}, $2, $2 FROM cohort
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*) FROM cohort)::int AS matched, (SELECT count(*) FROM inserted)::int AS inserted`,
    values,
  );
  return { matched: counts?.matched ?? 0, started: counts?.inserted ?? 0 };
}

/** A link committed for a journey, and when. */
export interface JourneyLink {
  journeyId: string;
  issuedAt: Date;
}

// Dates travel as ISO text: one array literal per column, built without the driver's escaping.
const linkColumns: UnnestColumn<JourneyLink>[] = [
  { name: 'id', type: 'uuid', value: (link) => link.journeyId },
  { name: 'issued_at', type: 'timestamptz', value: (link) => link.issuedAt.toISOString() },
];

/**
 * `link_issued` for a batch of journeys, stamped with each link's time. Only journeys in one of
 * the event's `from` statuses move: the callers claim them in those statuses under row locks, so
 * the guard only ever keeps a closed journey (handed off, cancelled) closed. Answers how many moved.
 */
export async function issueLinksToJourneysIn(
  manager: EntityManager,
  links: readonly JourneyLink[],
): Promise<number> {
  if (links.length === 0) return 0;
  const journeys = unnestRows(links, linkColumns, 'x');
  const [, moved]: [unknown[], number] = await manager.query(
    `UPDATE journey j SET status = ${ISSUED}, updated_at = x.issued_at FROM ${journeys.from}
      WHERE j.id = x.id AND j.status IN (${ISSUABLE})`,
    journeys.values,
  );
  return moved;
}

/** `link_expired` for the journeys of links that outlived their lifetime; answers how many moved. */
export async function expireJourneysIn(
  manager: EntityManager,
  journeyIds: readonly string[],
  now: Date,
): Promise<number> {
  if (journeyIds.length === 0) return 0;
  const [, moved]: [unknown[], number] = await manager.query(
    `UPDATE journey SET status = ${EXPIRED}, updated_at = $2 WHERE id = ANY($1::uuid[]) AND status IN (${EXPIRABLE})`,
    [journeyIds, now],
  );
  return moved;
}

/** What spending a link does to its journey. */
export type SpentLinkEvent = Extract<JourneyEventType, 'link_redeemed' | 'step_up_required'>;

const SPENT_LINK_GUARD: Record<SpentLinkEvent, string> = {
  link_redeemed: journeyStatusListSql(JourneyTransitions.link_redeemed.from),
  step_up_required: journeyStatusListSql(JourneyTransitions.step_up_required.from),
};

const cteName = /^[a-z_]+$/;

/**
 * The journey part of a statement that spends a link (redemption's single-statement spend, whose
 * figures need one round trip): the body of a data-modifying CTE that applies `event` to the
 * journey of each row of `spentCte` (a CTE of the same statement with a `journey_id` column),
 * when the journey is in one of the event's `from` statuses, `RETURNING j.id`. The status travels
 * as a parameter made with `bind`, so both events share one statement text per guard.
 */
export function spentLinkJourneySql(event: SpentLinkEvent, spentCte: string, bind: BindParameter): string {
  if (!cteName.test(spentCte)) throw new Error(`not a CTE name: ${spentCte}`);
  return `UPDATE journey j SET status = ${bind(JourneyTransitions[event].to)}, updated_at = now()
           FROM ${spentCte} WHERE j.id = ${spentCte}.journey_id AND j.status IN (${SPENT_LINK_GUARD[event]})
         RETURNING j.id`;
}
