import type { DataSource } from 'typeorm';
import { PgNewLinkRequestStore } from '../redemption/adapters/pg-new-link-request-store.adapter';
import type { WorkCause } from '../shared/work-cause';
import { describeNewLinkRequestStoreContract } from '../testing/new-link-request-store.contract';
import { scratchDatabase } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase('reset_new_link_request_store_contract'));
});

afterAll(async () => {
  await dataSource?.destroy();
});

interface RequestRow {
  contact_hash: Buffer;
  created_at: Date;
  trace_context: WorkCause | null;
  processed_at: Date | null;
  legacy_account_id: string | null;
}

describeNewLinkRequestStoreContract('PgNewLinkRequestStore on PostgreSQL', async () => ({
  store: new PgNewLinkRequestStore(dataSource),
  requestsFor: async (contactHash) => {
    const rows = (await dataSource.query(
      `SELECT contact_hash, created_at, trace_context, processed_at, legacy_account_id
         FROM reissue_request WHERE contact_hash = $1 ORDER BY id`,
      [contactHash],
    )) as RequestRow[];
    return rows.map((row) => ({
      contactHash: row.contact_hash,
      requestedAt: row.created_at,
      traceContext: row.trace_context,
      legacyAccountId: row.legacy_account_id,
      processed: row.processed_at !== null,
    }));
  },
}));
