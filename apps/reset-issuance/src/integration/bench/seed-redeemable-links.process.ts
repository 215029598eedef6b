/**
 * Seeds the redemption benchmark's links into a running reset-issuance's database:
 *   node seed-redeemable-links.process.js <database url> <count>
 * A process of the app's own, because it writes the app's tables and hashes tokens as the app
 * does; prints the tokens the customers would hold, as JSON.
 */
import { randomUUID } from 'node:crypto';
import { runAsBenchProcess } from '@rekey/benchmarking';
import { Pool } from 'pg';
import { generateResetToken, hashResetToken } from '../../tokens/domain/reset-token';

const ROWS_PER_STATEMENT = 2_000;

/**
 * Live, delivered links of standard accounts in one launched wave, written straight into
 * reset-issuance's tables as issuance leaves them, so that only redemption is measured.
 * Returns the tokens the customers would hold.
 */
async function seedRedeemableLinks(db: Pool, count: number): Promise<string[]> {
  const campaignId = randomUUID();
  const waveId = randomUUID();
  await db.query(
    `INSERT INTO campaign (id, name, created_by, created_at) VALUES ($1, 'bench', 'bench', now())`,
    [campaignId],
  );
  await db.query(
    `INSERT INTO wave (id, campaign_id, name, status, cohort, notice_at, starts_at, cutoff_at, pace_per_second,
       link_lifetime_minutes, created_by, created_at)
     VALUES ($1, $2, 'bench', 'launched', '{}'::jsonb, now(), now(), now() + interval '7 days', 1000, 30,
       'bench', now())`,
    [waveId, campaignId],
  );
  const tokens: string[] = [];
  for (let start = 0; start < count; start += ROWS_PER_STATEMENT) {
    const size = Math.min(ROWS_PER_STATEMENT, count - start);
    const accounts = Array.from({ length: size }, (_, index) => `bench-${start + index}`);
    const batch = accounts.map(() => generateResetToken());
    tokens.push(...batch);
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
           segments, band, verified_contacts, linked_at, link_event_id)
         SELECT id, 'target-' || id, false, 'standard', ARRAY['standard'], 'certain',
                jsonb_build_array(jsonb_build_object('kind', 'email', 'value', id || '@example.test')),
                now(), gen_random_uuid()
           FROM unnest($1::text[]) AS ids(id)`,
        [accounts],
      );
      await client.query(
        `WITH journeys AS (
           INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
           SELECT gen_random_uuid(), $2, id, 'issued', now(), now() FROM unnest($1::text[]) AS ids(id)
           RETURNING id, legacy_account_id)
         INSERT INTO reset_token (id, token_hash, journey_id, legacy_account_id, wave_id, status, trigger,
           channel_kind, issued_at, expires_at, delivered_at)
         SELECT gen_random_uuid(), t.hash, j.id, t.account, $2, 'live', 'wave', 'email',
                now() - interval '1 minute', now() + interval '30 minutes', now()
           FROM unnest($1::text[], $3::bytea[]) AS t(account, hash)
           JOIN journeys j ON j.legacy_account_id = t.account`,
        [accounts, waveId, batch.map(hashResetToken)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
  return tokens;
}

async function main(): Promise<string[]> {
  const [url, count] = process.argv.slice(2) as [string, string];
  const db = new Pool({ connectionString: url, max: 2 });
  try {
    return await seedRedeemableLinks(db, Number(count));
  } finally {
    await db.end();
  }
}

runAsBenchProcess(main);
