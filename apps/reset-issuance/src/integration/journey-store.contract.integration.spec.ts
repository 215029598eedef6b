import { randomUUID } from 'node:crypto';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { PgJourneyStore } from '../journeys/adapters/pg-journey-store.adapter';
import { describeJourneyStoreContract } from '../testing/journey-store.contract';
import { insertLaunchedWave, migrations } from './issuance-fixture';

let dataSource: DataSource;
let waveId: string;

beforeAll(async () => {
  ({ dataSource } = await openScratchDataSource('reset_journey_store_contract', migrations));
  waveId = await insertLaunchedWave(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
});

describeJourneyStoreContract('PgJourneyStore on PostgreSQL', async () => ({
  store: new PgJourneyStore(dataSource),
  inTransaction: (work) => dataSource.transaction(work),
  addJourney: async (status) => {
    const legacyAccountId = `legacy-${randomUUID()}`;
    const at = new Date(Date.UTC(2026, 11, 18, 9, 0));
    const journey = { id: randomUUID(), waveId, legacyAccountId, status, createdAt: at, updatedAt: at };
    await dataSource.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
         segments, band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, 'T-' || $1, false, 'standard', ARRAY['standard'], 'high', '[]'::jsonb, now(), gen_random_uuid())`,
      [legacyAccountId],
    );
    await dataSource.query(
      `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)`,
      [journey.id, waveId, legacyAccountId, status, at],
    );
    return journey;
  },
  storedEventIds: async () =>
    (
      (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
        event_id: string;
      }>
    ).map((row) => row.event_id),
}));

describe('PgJourneyStore.updateIn on PostgreSQL', () => {
  it("rolls the change back with the caller's transaction", async () => {
    const store = new PgJourneyStore(dataSource);
    const journeyId = randomUUID();
    const legacyAccountId = `legacy-${randomUUID()}`;
    await dataSource.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
         segments, band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, 'T-' || $1, false, 'standard', ARRAY['standard'], 'high', '[]'::jsonb, now(), gen_random_uuid())`,
      [legacyAccountId],
    );
    await dataSource.query(
      `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, 'redeemed', now(), now())`,
      [journeyId, waveId, legacyAccountId],
    );

    const failed = dataSource.transaction(async (manager) => {
      await store.updateIn(manager, journeyId, (current) => ({
        journey: { ...current, status: 'handed_off' },
        events: [],
      }));
      throw new Error('the caller failed after the change');
    });

    await expect(failed).rejects.toThrow('the caller failed after the change');
    expect((await store.find(journeyId))?.status).toBe('redeemed');
  });
});
