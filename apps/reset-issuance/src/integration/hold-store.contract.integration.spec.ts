import { DataSource } from 'typeorm';
import { AccountHoldEntity } from '../holds/adapters/account-hold.entity';
import { TypeormHoldStore } from '../holds/adapters/typeorm-hold-store.adapter';
import { describeHoldStoreContract } from '../testing/hold-store.contract';
import { scratchDatabase } from './issuance-fixture';

let migrated: DataSource;
let dataSource: DataSource;

beforeAll(async () => {
  const scratch = await scratchDatabase('reset_hold_store_contract');
  migrated = scratch.dataSource;
  // The adapter reads through its TypeORM entity, as the service's data source registers it.
  dataSource = new DataSource({ type: 'postgres', url: scratch.url, entities: [AccountHoldEntity] });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await migrated?.destroy();
});

describeHoldStoreContract('TypeormHoldStore on PostgreSQL', async () => ({
  store: new TypeormHoldStore(dataSource),
  knowAccount: async (legacyAccountId) => {
    await dataSource.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
         segments, band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, 'T-' || $1, false, 'standard', ARRAY['standard'], 'high', '[]'::jsonb, now(), gen_random_uuid())`,
      [legacyAccountId],
    );
  },
  storedEventIds: async () =>
    (
      (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
        event_id: string;
      }>
    ).map((row) => row.event_id),
}));
