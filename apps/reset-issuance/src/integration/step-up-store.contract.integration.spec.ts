import { randomUUID } from 'node:crypto';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { RedemptionAndStepUp1767657600000 } from '../migrations/1767657600000-redemption-and-step-up';
import { StepUpRedemptionTrace1769100000000 } from '../migrations/1769100000000-step-up-redemption-trace';
import { PgStepUpStore } from '../step-up/adapters/pg-step-up-store.adapter';
import { STEP_UP_CHALLENGE_COLUMNS, stepUpChallengeRowSql } from '../step-up/adapters/step-up-challenge.sql';
import { describeStepUpStoreContract } from '../testing/step-up-store.contract';
import { insertLaunchedWave, migrations } from './issuance-fixture';

let dataSource: DataSource;
let waveId: string;
let cutoffAt: Date;

beforeAll(async () => {
  ({ dataSource } = await openScratchDataSource('reset_step_up_store_contract', [
    ...migrations,
    RedemptionAndStepUp1767657600000,
    StepUpRedemptionTrace1769100000000,
  ]));
  waveId = await insertLaunchedWave(dataSource);
  const [wave] = (await dataSource.query(`SELECT cutoff_at FROM wave WHERE id = $1`, [waveId])) as Array<{
    cutoff_at: Date;
  }>;
  cutoffAt = wave!.cutoff_at;
});

afterAll(async () => {
  await dataSource?.destroy();
});

describeStepUpStoreContract('PgStepUpStore on PostgreSQL', async () => ({
  store: new PgStepUpStore(dataSource),
  addJourney: async (status) => {
    const legacyAccountId = `legacy-${randomUUID()}`;
    const at = new Date(Date.UTC(2026, 11, 18, 9, 0));
    const journey = {
      id: randomUUID(),
      waveId,
      legacyAccountId,
      status,
      createdAt: at,
      updatedAt: at,
      targetAccountId: `target-${legacyAccountId}`,
      enrolment: { wave: { cutoffAt }, account: { segment: 'privileged', segments: ['privileged'] } },
    };
    await dataSource.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
         segments, band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, $2, false, 'privileged', ARRAY['privileged'], 'high', '[]'::jsonb, now(), gen_random_uuid())`,
      [legacyAccountId, journey.targetAccountId],
    );
    await dataSource.query(
      `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)`,
      [journey.id, waveId, legacyAccountId, status, at],
    );
    return journey;
  },
  open: async (challenge) => {
    const values: unknown[] = [];
    const row = stepUpChallengeRowSql(challenge, (value) => `$${values.push(value)}`);
    await dataSource.query(
      `INSERT INTO step_up_challenge (${STEP_UP_CHALLENGE_COLUMNS}) VALUES (${row})`,
      values,
    );
  },
  moveJourney: async (journeyId, status) => {
    await dataSource.query(`UPDATE journey SET status = $2 WHERE id = $1`, [journeyId, status]);
  },
  journeyStatus: async (journeyId) =>
    (
      (await dataSource.query(`SELECT status FROM journey WHERE id = $1`, [journeyId])) as Array<{
        status: string;
      }>
    )[0]?.status,
  grantIds: async (journeyId) =>
    (
      (await dataSource.query(`SELECT jti FROM enrollment_grant WHERE journey_id = $1`, [
        journeyId,
      ])) as Array<{
        jti: string;
      }>
    ).map((row) => row.jti),
  storedEventIds: async () =>
    (
      (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
        event_id: string;
      }>
    ).map((row) => row.event_id),
}));
