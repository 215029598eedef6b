import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PgIssuanceStore } from '../issuance/adapters/pg-issuance-store.adapter';
import { startingBucket } from '../issuance/domain/token-bucket';
import { describeIssuanceStoreContract } from '../testing/issuance-store.contract';
import { scratchDatabase } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase('reset_issuance_store_contract'));
});

afterAll(async () => {
  await dataSource?.destroy();
});

interface TokenRow {
  id: string;
  legacy_account_id: string;
  status: string;
  delivered_at: Date | null;
  superseded_by: string | null;
  sealed: boolean;
}

describeIssuanceStoreContract('PgIssuanceStore on PostgreSQL', async () => {
  // The scheduler's claims span every wave and token of the database: each case starts empty.
  await dataSource.query(
    `TRUNCATE reissue_request, reset_token, notice, journey, wave_pacing, wave, campaign, account_hold,
       eligible_contact, eligible_account, outbox_message CASCADE`,
  );
  return {
    store: new PgIssuanceStore(dataSource),
    launchedWave: async (wave) => {
      const id = randomUUID();
      const campaignId = randomUUID();
      await dataSource.query(
        `INSERT INTO campaign (id, name, created_by, created_at) VALUES ($1, 'c', 'test', now())`,
        [campaignId],
      );
      await dataSource.query(
        `INSERT INTO wave (id, campaign_id, name, status, cohort, notice_at, starts_at, cutoff_at, pace_per_second,
           link_lifetime_minutes, created_by, created_at, launched_at)
         VALUES ($1, $2, 'wave', 'launched', '{}'::jsonb, $3, $3, $4, $5, $6, 'test', $3, $3)`,
        [id, campaignId, wave.startsAt, wave.cutoffAt, wave.pacePerSecond, wave.linkLifetimeMinutes],
      );
      const bucket = startingBucket(wave.pacePerSecond, wave.startsAt);
      await dataSource.query(
        `INSERT INTO wave_pacing (wave_id, allowance, refilled_at) VALUES ($1, $2, $3)`,
        [id, bucket.allowance, bucket.refilledAt],
      );
      return id;
    },
    addAccount: async (legacyAccountId, contacts) => {
      await dataSource.query(
        `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
           segments, band, verified_contacts, linked_at, link_event_id)
         VALUES ($1, 'T-' || $1, false, 'standard', ARRAY['standard'], 'high', $2::jsonb, now(), gen_random_uuid())`,
        [legacyAccountId, JSON.stringify(contacts)],
      );
    },
    addJourney: async (waveId, legacyAccountId, status = 'awaiting_issue') => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, now(), now())`,
        [id, waveId, legacyAccountId, status],
      );
      return id;
    },
    closeJourney: async (journeyId) => {
      await dataSource.query(`UPDATE journey SET status = 'handed_off' WHERE id = $1`, [journeyId]);
    },
    placeHold: async (legacyAccountId) => {
      await dataSource.query(
        `INSERT INTO account_hold (id, legacy_account_id, reason, placed_by, placed_by_role, placed_at)
         VALUES (gen_random_uuid(), $1, 'test', 'alice', 'operator', now())`,
        [legacyAccountId],
      );
    },
    requestReissue: async (legacyAccountId) => {
      await dataSource.query(
        `INSERT INTO reissue_request (legacy_account_id, created_at) VALUES ($1, now())`,
        [legacyAccountId],
      );
    },
    tokens: async () =>
      (
        (await dataSource.query(
          `SELECT id, legacy_account_id, status, delivered_at, superseded_by, sealed_token IS NOT NULL AS sealed
             FROM reset_token ORDER BY issued_at, id`,
        )) as TokenRow[]
      ).map((row) => ({
        id: row.id,
        legacyAccountId: row.legacy_account_id,
        status: row.status,
        sealed: row.sealed,
        ...(row.delivered_at ? { deliveredAt: row.delivered_at } : {}),
        ...(row.superseded_by ? { supersededBy: row.superseded_by } : {}),
      })),
    journeyStatus: async (journeyId) =>
      (
        (await dataSource.query(`SELECT status FROM journey WHERE id = $1`, [journeyId])) as Array<{
          status: string;
        }>
      )[0]?.status,
    reissueOutcomes: async () =>
      (
        (await dataSource.query(
          `SELECT outcome FROM reissue_request WHERE processed_at IS NOT NULL ORDER BY id`,
        )) as Array<{ outcome: string }>
      ).map((row) => row.outcome),
    storedEventIds: async () =>
      (
        (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
          event_id: string;
        }>
      ).map((row) => row.event_id),
  };
});
