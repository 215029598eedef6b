import type { DataSource } from 'typeorm';
import { describeWaveStoreContract } from '../testing/wave-store.contract';
import { TypeormWaveStore } from '../waves/adapters/typeorm-wave-store.adapter';
import { scratchDatabase } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase('reset_wave_store_contract'));
});

afterAll(async () => {
  await dataSource?.destroy();
});

describeWaveStoreContract('TypeormWaveStore on PostgreSQL', async () => {
  // Rule cohorts take every matching account of the database: each case starts from empty tables.
  await dataSource.query(
    `TRUNCATE wave, campaign, cohort_list_entry, eligible_account, journey, notice, wave_pacing, outbox_message CASCADE`,
  );
  return {
    store: new TypeormWaveStore(dataSource),
    addEligibleAccount: async (legacyAccountId, segment = 'standard', band = 'high') => {
      await dataSource.query(
        `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
           segments, band, verified_contacts, linked_at, link_event_id)
         VALUES ($1, 'T-' || $1, false, $2, ARRAY[$2], $3, '[]'::jsonb, now(), gen_random_uuid())`,
        [legacyAccountId, segment, band],
      );
    },
    scheduledNotices: async (waveId) =>
      (
        (await dataSource.query(`SELECT legacy_account_id, kind, due_at FROM notice WHERE wave_id = $1`, [
          waveId,
        ])) as Array<{ legacy_account_id: string; kind: string; due_at: Date }>
      ).map((row) => ({ legacyAccountId: row.legacy_account_id, kind: row.kind, dueAt: row.due_at })),
    storedEventIds: async () =>
      (
        (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
          event_id: string;
        }>
      ).map((row) => row.event_id),
  };
});
