import type { Band, Segment, VerifiedContact } from '@rekey/contracts';
import type { DataSource } from 'typeorm';
import { TypeormEligibleAccountStore } from '../eligibility/adapters/typeorm-eligible-account-store.adapter';
import { describeEligibleAccountStoreContract } from '../testing/eligible-account-store.contract';
import { scratchDatabase } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase('reset_eligible_account_store_contract'));
});

afterAll(async () => {
  await dataSource?.destroy();
});

interface AccountRow {
  legacy_account_id: string;
  target_account_id: string;
  target_account_created: boolean;
  segment: Segment;
  segments: Segment[];
  band: Band;
  verified_contacts: VerifiedContact[];
  linked_at: Date;
  link_event_id: string;
}

describeEligibleAccountStoreContract('TypeormEligibleAccountStore on PostgreSQL', async () => ({
  store: new TypeormEligibleAccountStore(),
  inTransaction: (work) => dataSource.transaction(work),
  storedAccount: async (legacyAccountId) => {
    const [row] = (await dataSource.query(`SELECT * FROM eligible_account WHERE legacy_account_id = $1`, [
      legacyAccountId,
    ])) as AccountRow[];
    if (!row) return undefined;
    const contacts = (await dataSource.query(
      `SELECT contact_hash FROM eligible_contact WHERE legacy_account_id = $1`,
      [legacyAccountId],
    )) as Array<{ contact_hash: Buffer }>;
    return {
      legacyAccountId: row.legacy_account_id,
      targetAccountId: row.target_account_id,
      targetAccountCreated: row.target_account_created,
      segment: row.segment,
      segments: row.segments,
      band: row.band,
      verifiedContacts: row.verified_contacts,
      linkedAt: row.linked_at,
      linkEventId: row.link_event_id,
      contactHashes: contacts.map((contact) => contact.contact_hash),
    };
  },
  accountsWithContact: async (contactHash) =>
    (
      (await dataSource.query(
        `SELECT legacy_account_id FROM eligible_contact WHERE contact_hash = $1 ORDER BY legacy_account_id`,
        [contactHash],
      )) as Array<{ legacy_account_id: string }>
    ).map((row) => row.legacy_account_id),
}));
