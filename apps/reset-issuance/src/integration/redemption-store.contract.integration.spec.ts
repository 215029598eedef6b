import { randomUUID } from 'node:crypto';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { TypeormFraudFlagStore } from '../fraud-signals/adapters/typeorm-fraud-flag-store.adapter';
import { RedemptionAndStepUp1767657600000 } from '../migrations/1767657600000-redemption-and-step-up';
import { StepUpRedemptionTrace1769100000000 } from '../migrations/1769100000000-step-up-redemption-trace';
import { UnloggedRateLimitWindows1767744000000 } from '../migrations/1767744000000-unlogged-rate-limit-windows';
import { FraudFlagSignals1768500000000 } from '../migrations/1768500000000-fraud-flag-signals';
import { PgRedemptionStore } from '../redemption/adapters/pg-redemption-store.adapter';
import { describeRedemptionStoreContract, type SeededToken } from '../testing/redemption-store.contract';
import { hashResetCode, resetCodeOf } from '../tokens/domain/reset-code';
import { generateResetToken, hashResetToken } from '../tokens/domain/reset-token';
import { insertLaunchedWave, migrations } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await openScratchDataSource('reset_redemption_store_contract', [
    ...migrations,
    RedemptionAndStepUp1767657600000,
    StepUpRedemptionTrace1769100000000,
    UnloggedRateLimitWindows1767744000000,
    FraudFlagSignals1768500000000,
  ]));
});

afterAll(async () => {
  await dataSource?.destroy();
});

const one = async <T>(sql: string, parameters: unknown[]): Promise<T | undefined> =>
  ((await dataSource.query(sql, parameters)) as T[])[0];

describeRedemptionStoreContract('PgRedemptionStore on PostgreSQL', async () => ({
  store: new PgRedemptionStore(dataSource),
  seedToken: async (seed = {}): Promise<SeededToken> => {
    const token = generateResetToken();
    const legacyAccountId = `legacy-${randomUUID()}`;
    const seeded = {
      tokenId: randomUUID(),
      journeyId: randomUUID(),
      legacyAccountId,
      waveId: randomUUID(),
      targetAccountId: `target-${legacyAccountId}`,
      enrolment: {
        wave: { cutoffAt: new Date(0) },
        account: { segment: 'standard', segments: ['standard'] },
      },
      byToken: { kind: 'token' as const, hash: hashResetToken(token) },
      byCode: { kind: 'code' as const, hash: hashResetCode(resetCodeOf(token)) },
    };
    await insertLaunchedWave(dataSource, seeded.waveId);
    seeded.enrolment.wave.cutoffAt = (await one<{ cutoff_at: Date }>(
      `SELECT cutoff_at FROM wave WHERE id = $1`,
      [seeded.waveId],
    ))!.cutoff_at;
    await dataSource.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment, segments,
         band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, $2, false, 'standard', ARRAY['standard'], 'certain',
         jsonb_build_array(jsonb_build_object('kind', 'email', 'value', $1 || '@example.test')), now(), gen_random_uuid())`,
      [legacyAccountId, seeded.targetAccountId],
    );
    await dataSource.query(
      `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, 'issued', now(), now())`,
      [seeded.journeyId, seeded.waveId, legacyAccountId],
    );
    await dataSource.query(
      `INSERT INTO reset_token (id, token_hash, code_hash, journey_id, legacy_account_id, wave_id, status, trigger,
         channel_kind, issued_at, expires_at, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'wave', 'email', now() - interval '1 hour',
         now() + make_interval(mins => $8), now())`,
      [
        seeded.tokenId,
        seeded.byToken.hash,
        seeded.byCode.hash,
        seeded.journeyId,
        legacyAccountId,
        seeded.waveId,
        seed.status ?? 'live',
        seed.expiresInMinutes ?? 30,
      ],
    );
    // Flagged as the fraud-signal consumer flags accounts (its own integration spec covers the consumer).
    if (seed.fraudFlagged) {
      await new TypeormFraudFlagStore().record(dataSource.manager, {
        legacyAccountId,
        signalId: randomUUID(),
        reason: 'velocity_account',
        severity: 'high',
        flaggedAt: new Date(),
      });
    }
    return seeded;
  },
  placeHold: async (legacyAccountId) => {
    await dataSource.query(
      `INSERT INTO account_hold (id, legacy_account_id, reason, placed_by, placed_by_role, placed_at)
       VALUES (gen_random_uuid(), $1, 'suspected takeover', 'alice', 'operator', now())`,
      [legacyAccountId],
    );
  },
  tokenStatus: async (tokenId) =>
    (await one<{ status: string }>(`SELECT status FROM reset_token WHERE id = $1`, [tokenId]))?.status,
  journeyStatus: async (journeyId) =>
    (await one<{ status: string }>(`SELECT status FROM journey WHERE id = $1`, [journeyId]))?.status,
  storedEventIds: async () =>
    (
      (await dataSource.query(`SELECT event_id FROM outbox_message ORDER BY id`)) as Array<{
        event_id: string;
      }>
    ).map((row) => row.event_id),
}));
