import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  expireJourneysIn,
  issueLinksToJourneysIn,
  spentLinkJourneySql,
  startJourneysIn,
  type SpentLinkEvent,
} from '../journeys/adapters/journey-batch-statements.sql';
import { INITIAL_JOURNEY_STATUS } from '../journeys/domain/journey';
import type { JourneyEventType } from '../journeys/domain/journey-event';
import { JourneyStatuses, type JourneyStatus } from '../journeys/domain/journey-status';
import { allows, JourneyTransitions } from '../journeys/domain/journey-transitions';
import { insertLaunchedWave, scratchDatabase } from './issuance-fixture';

let dataSource: DataSource;
let waveId: string;
const created = new Date(Date.UTC(2026, 11, 18, 9, 0));
const later = new Date(Date.UTC(2026, 11, 18, 9, 30));

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase('reset_journey_batches'));
});

afterAll(async () => {
  await dataSource?.destroy();
});

beforeEach(async () => {
  await dataSource.query(`TRUNCATE journey, wave, campaign, eligible_account CASCADE`);
  waveId = await addWave();
});

function addWave(): Promise<string> {
  return insertLaunchedWave(dataSource);
}

async function addAccount(legacyAccountId = `legacy-${randomUUID()}`): Promise<string> {
  await dataSource.query(
    `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
       segments, band, verified_contacts, linked_at, link_event_id)
     VALUES ($1, 'T-' || $1, false, 'standard', ARRAY['standard'], 'high', '[]'::jsonb, now(), gen_random_uuid())`,
    [legacyAccountId],
  );
  return legacyAccountId;
}

async function addJourney(status: JourneyStatus, inWave = waveId): Promise<string> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5)`,
    [id, inWave, await addAccount(), status, created],
  );
  return id;
}

async function journeyRow(journeyId: string): Promise<{ status: JourneyStatus; updatedAt: Date }> {
  const [row] = (await dataSource.query(`SELECT status, updated_at FROM journey WHERE id = $1`, [
    journeyId,
  ])) as Array<{ status: JourneyStatus; updated_at: Date }>;
  if (!row) throw new Error(`no journey ${journeyId}`);
  return { status: row.status, updatedAt: row.updated_at };
}

/** One journey in every status, so each case sees what the statement does to all of them. */
async function oneJourneyPerStatus(): Promise<Map<JourneyStatus, string>> {
  const journeys = new Map<JourneyStatus, string>();
  for (const status of JourneyStatuses) journeys.set(status, await addJourney(status));
  return journeys;
}

/** Expects exactly the journeys whose status allows `event` to have moved to its status. */
async function expectMovedAsTheTableSays(
  journeys: Map<JourneyStatus, string>,
  event: JourneyEventType,
): Promise<void> {
  for (const [status, journeyId] of journeys) {
    const expected = allows(status, event) ? JourneyTransitions[event].to : status;
    expect({ from: status, now: (await journeyRow(journeyId)).status }).toEqual({
      from: status,
      now: expected,
    });
  }
}

describe('starting the journeys of a cohort', () => {
  const everyEligibleAccount = () => 'SELECT legacy_account_id FROM eligible_account';

  it('starts one journey per account where startJourney starts one, stamped with the launch', async () => {
    const accounts = [await addAccount(), await addAccount()];

    const counts = await dataSource.transaction((manager) =>
      startJourneysIn(manager, { waveId, startedAt: later }, everyEligibleAccount),
    );

    expect(counts).toEqual({ matched: 2, started: 2 });
    const rows = (await dataSource.query(
      `SELECT legacy_account_id, status, created_at, updated_at FROM journey WHERE wave_id = $1
        ORDER BY legacy_account_id`,
      [waveId],
    )) as Array<{ legacy_account_id: string; status: string; created_at: Date; updated_at: Date }>;
    expect(rows).toEqual(
      [...accounts].sort().map((legacyAccountId) => ({
        legacy_account_id: legacyAccountId,
        status: INITIAL_JOURNEY_STATUS,
        created_at: later,
        updated_at: later,
      })),
    );
  });

  it('leaves out an account still in an open journey and counts it, but takes one whose journey closed', async () => {
    const otherWave = await addWave();
    await addJourney('redeemed', otherWave);
    await addJourney('handed_off', otherWave);
    await addJourney('cancelled', otherWave);

    const counts = await dataSource.transaction((manager) =>
      startJourneysIn(manager, { waveId, startedAt: later }, everyEligibleAccount),
    );

    expect(counts).toEqual({ matched: 3, started: 2 });
  });

  it('binds the cohort query its parameters after its own', async () => {
    const chosen = await addAccount();
    await addAccount();

    const counts = await dataSource.transaction((manager) =>
      startJourneysIn(
        manager,
        { waveId, startedAt: later },
        (bind) => `SELECT legacy_account_id FROM eligible_account WHERE legacy_account_id = ${bind(chosen)}`,
      ),
    );

    expect(counts).toEqual({ matched: 1, started: 1 });
  });
});

describe('a batch of committed links', () => {
  it('moves only journeys that link_issued may find, and never a closed, redeemed or stepped-up one', async () => {
    const journeys = await oneJourneyPerStatus();

    const moved = await dataSource.transaction((manager) =>
      issueLinksToJourneysIn(
        manager,
        [...journeys.values()].map((journeyId) => ({ journeyId, issuedAt: later })),
      ),
    );

    await expectMovedAsTheTableSays(journeys, 'link_issued');
    expect(moved).toBe(JourneyTransitions.link_issued.from.length);
    for (const status of ['handed_off', 'cancelled', 'redeemed', 'stepped_up'] as const) {
      expect(await journeyRow(journeys.get(status)!)).toEqual({ status, updatedAt: created });
    }
  });

  it('stamps each journey with its own link time', async () => {
    const first = await addJourney('awaiting_issue');
    const second = await addJourney('expired');
    const secondAt = new Date(later.getTime() + 1_000);

    await dataSource.transaction((manager) =>
      issueLinksToJourneysIn(manager, [
        { journeyId: first, issuedAt: later },
        { journeyId: second, issuedAt: secondAt },
      ]),
    );

    expect(await journeyRow(first)).toEqual({ status: 'issued', updatedAt: later });
    expect(await journeyRow(second)).toEqual({ status: 'issued', updatedAt: secondAt });
  });
});

describe('expiring the journeys of unspent links', () => {
  it('moves only an issued journey, and never touches a redeemed, stepped-up or closed one', async () => {
    const journeys = await oneJourneyPerStatus();

    const moved = await dataSource.transaction((manager) =>
      expireJourneysIn(manager, [...journeys.values()], later),
    );

    await expectMovedAsTheTableSays(journeys, 'link_expired');
    expect(moved).toBe(1);
    expect(await journeyRow(journeys.get('issued')!)).toEqual({ status: 'expired', updatedAt: later });
    expect(await journeyRow(journeys.get('redeemed')!)).toEqual({ status: 'redeemed', updatedAt: created });
  });
});

describe('the journey part of a spend', () => {
  /** A statement shaped as redemption's: a `spent` CTE of journey ids, then the journeys' fragment. */
  async function spend(event: SpentLinkEvent, journeyIds: string[]): Promise<string[]> {
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    const spent = `spent AS (SELECT unnest(${bind(journeyIds)}::uuid[]) AS journey_id)`;
    const rows = (await dataSource.query(
      `WITH ${spent}, journey_moved AS (${spentLinkJourneySql(event, 'spent', bind)})
       SELECT id FROM journey_moved`,
      values,
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  it.each<SpentLinkEvent>(['link_redeemed', 'step_up_required'])(
    'applies %s only to a journey whose status allows it',
    async (event) => {
      const journeys = await oneJourneyPerStatus();

      const moved = await spend(event, [...journeys.values()]);

      await expectMovedAsTheTableSays(journeys, event);
      expect(moved).toEqual([journeys.get('issued')]);
    },
  );

  it('keeps a handed-off journey closed when a stray live link of it is spent', async () => {
    const journeyId = await addJourney('handed_off');

    expect(await spend('link_redeemed', [journeyId])).toEqual([]);
    expect(await journeyRow(journeyId)).toEqual({ status: 'handed_off', updatedAt: created });
  });

  it('refuses a name that is not a CTE of the statement', () => {
    expect(() => spentLinkJourneySql('link_redeemed', 'spent; DROP TABLE journey', () => '$1')).toThrow(
      'not a CTE name',
    );
  });
});
