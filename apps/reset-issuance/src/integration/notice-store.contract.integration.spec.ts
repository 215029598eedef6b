import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PgNoticeStore } from '../issuance/adapters/pg-notice-store.adapter';
import { describeNoticeStoreContract } from '../testing/notice-store.contract';
import { scratchDatabase } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase('reset_notice_store_contract'));
});

afterAll(async () => {
  await dataSource?.destroy();
});

describeNoticeStoreContract('PgNoticeStore on PostgreSQL', async () => {
  // Claims span every notice of the database: each case starts empty.
  await dataSource.query(
    `TRUNCATE notice, journey, wave, campaign, account_hold, eligible_account, outbox_message CASCADE`,
  );
  return {
    store: new PgNoticeStore(dataSource),
    addJourney: async (wave, contacts) => {
      const journey = {
        journeyId: randomUUID(),
        waveId: randomUUID(),
        legacyAccountId: `legacy-${randomUUID()}`,
      };
      const campaignId = randomUUID();
      await dataSource.query(
        `INSERT INTO campaign (id, name, created_by, created_at) VALUES ($1, 'c', 'test', now())`,
        [campaignId],
      );
      await dataSource.query(
        `INSERT INTO wave (id, campaign_id, name, status, cohort, notice_at, starts_at, cutoff_at, pace_per_second,
           link_lifetime_minutes, created_by, created_at, launched_at)
         VALUES ($1, $2, 'wave', 'launched', '{}'::jsonb, $3, $3, $4, 10, 30, 'test', $3, $3)`,
        [journey.waveId, campaignId, wave.startsAt, wave.cutoffAt],
      );
      await dataSource.query(
        `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
           segments, band, verified_contacts, linked_at, link_event_id)
         VALUES ($1, 'T-' || $1, false, 'standard', ARRAY['standard'], 'high', $2::jsonb, now(), gen_random_uuid())`,
        [journey.legacyAccountId, JSON.stringify(contacts)],
      );
      await dataSource.query(
        `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'awaiting_issue', now(), now())`,
        [journey.journeyId, journey.waveId, journey.legacyAccountId],
      );
      return journey;
    },
    addNotice: async (journey, kind, dueAt) => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO notice (id, journey_id, wave_id, legacy_account_id, kind, status, due_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
        [id, journey.journeyId, journey.waveId, journey.legacyAccountId, kind, dueAt],
      );
      return id;
    },
    placeHold: async (legacyAccountId) => {
      await dataSource.query(
        `INSERT INTO account_hold (id, legacy_account_id, reason, placed_by, placed_by_role, placed_at)
         VALUES (gen_random_uuid(), $1, 'test', 'alice', 'operator', now())`,
        [legacyAccountId],
      );
    },
    noticeStatus: async (noticeId) =>
      (
        (await dataSource.query(`SELECT status FROM notice WHERE id = $1`, [noticeId])) as Array<{
          status: string;
        }>
      )[0]?.status,
    storedEventIds: async () =>
      (
        (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
          event_id: string;
        }>
      ).map((row) => row.event_id),
  };
});
