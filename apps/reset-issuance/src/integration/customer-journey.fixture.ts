import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startService, type RunningService } from '@rekey/service-runtime';
import { freePort, isolatedPlatform } from '@rekey/testing';
import { Pool } from 'pg';
import { resetIssuanceService } from '../reset-issuance.definition';
import { formatResetCode, hashResetCode, resetCodeOf } from '../tokens/domain/reset-code';
import { generateResetToken, hashResetToken } from '../tokens/domain/reset-token';

export interface CustomerJourneyService {
  service: RunningService;
  url: string;
  db: Pool;
  notifyDir: string;
  /** Where the service's Kafka clients connect, and the prefix of its topics, to publish to it. */
  kafka: { brokers: string[]; topicPrefix: string };
  stop(): Promise<void>;
}

/**
 * reset-issuance started in this process on a platform of its own (a fresh database, migrations
 * applied at start-up, and its own topics), with a free port known in advance so RESET_BASE_URL
 * (the allowed Origin) matches it.
 */
export async function startCustomerJourneyService(
  prefix: string,
  overrides: NodeJS.ProcessEnv = {},
): Promise<CustomerJourneyService> {
  const platform = await isolatedPlatform(prefix);
  const environment = await platform.serviceEnvironment('reset-issuance');
  const port = await freePort();
  const notifyDir = await mkdtemp(path.join(tmpdir(), 'rekey-step-up-'));
  const url = `http://127.0.0.1:${port}`;
  const service = await startService(resetIssuanceService, {
    ...environment,
    PORT: String(port),
    HOST: '127.0.0.1',
    RESET_BASE_URL: url,
    NOTIFY_FILE_DIR: notifyDir,
    SCHEDULER_ENABLED: 'false',
    OUTBOX_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    ...overrides,
  });
  const db = new Pool({ connectionString: environment['DATABASE_URL'], max: 4 });
  return {
    service,
    url,
    db,
    notifyDir,
    kafka: { brokers: String(environment['KAFKA_BROKERS']).split(','), topicPrefix: platform.topicPrefix },
    stop: async () => {
      await service.stop();
      await db.end();
      await platform.dispose();
    },
  };
}

export interface SeededJourney {
  token: string;
  /** The link's short code as the message shows it. */
  code: string;
  tokenId: string;
  legacyAccountId: string;
  journeyId: string;
  waveId: string;
}

export interface JourneyOptions {
  segments?: string[];
  contacts?: Array<{ kind: 'email' | 'sms'; value: string }>;
  channel?: 'email' | 'sms';
  tokenStatus?: 'live' | 'redeemed' | 'superseded' | 'expired';
  /** Negative: already past. */
  expiresInMinutes?: number;
  held?: boolean;
  fraudFlagged?: boolean;
  /** A wave planned beforehand (over HTTP, say) to seed the journey in, instead of one of its own. */
  waveId?: string;
}

/** An eligible account in a launched wave with one journey and one reset token, written directly. */
export async function seedJourney(db: Pool, options: JourneyOptions = {}): Promise<SeededJourney> {
  const token = generateResetToken();
  const ids = {
    campaign: randomUUID(),
    wave: options.waveId ?? randomUUID(),
    journey: randomUUID(),
    token: randomUUID(),
    account: `legacy-${randomUUID()}`,
  };
  const segments = options.segments ?? ['standard'];
  const contacts = options.contacts ?? [{ kind: 'email', value: `${ids.account}@example.com` }];
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    if (!options.waveId) {
      await client.query(
        `INSERT INTO campaign (id, name, created_by, created_at) VALUES ($1, 'test', 'test', now())`,
        [ids.campaign],
      );
      await client.query(
        `INSERT INTO wave (id, campaign_id, name, status, cohort, notice_at, starts_at, cutoff_at, pace_per_second,
           link_lifetime_minutes, created_by, created_at)
         VALUES ($1, $2, 'wave', 'launched', '{}'::jsonb, now(), now(), now() + interval '7 days', 10, 30, 'test', now())`,
        [ids.wave, ids.campaign],
      );
    }
    await client.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment, segments,
         band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, $2, false, $3, $4, 'certain', $5::jsonb, now(), $6)`,
      [ids.account, `target-${ids.account}`, segments[0], segments, JSON.stringify(contacts), randomUUID()],
    );
    await client.query(
      `INSERT INTO journey (id, wave_id, legacy_account_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, 'issued', now(), now())`,
      [ids.journey, ids.wave, ids.account],
    );
    await client.query(
      `INSERT INTO reset_token (id, token_hash, code_hash, journey_id, legacy_account_id, wave_id, status, trigger,
         channel_kind, issued_at, expires_at, delivered_at)
       VALUES ($1, $2, $9, $3, $4, $5, $6, 'wave', $7, now() - interval '1 minute', now() + make_interval(mins => $8),
         now())`,
      [
        ids.token,
        hashResetToken(token),
        ids.journey,
        ids.account,
        ids.wave,
        options.tokenStatus ?? 'live',
        options.channel ?? 'email',
        options.expiresInMinutes ?? 30,
        hashResetCode(resetCodeOf(token)),
      ],
    );
    if (options.held) {
      await client.query(
        `INSERT INTO account_hold (id, legacy_account_id, reason, placed_by, placed_by_role, placed_at)
         VALUES ($1, $2, 'suspected takeover', 'security@example.com', 'operator', now())`,
        [randomUUID(), ids.account],
      );
    }
    // As the fraud-signal consumer records a signal (fraud-signals.integration.spec.ts publishes one).
    if (options.fraudFlagged) {
      await client.query(
        `INSERT INTO fraud_flag (legacy_account_id, signal_id, reason, severity, flagged_at)
         VALUES ($1, $2, 'velocity_account', 'high', now())`,
        [ids.account, randomUUID()],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return {
    token,
    code: formatResetCode(resetCodeOf(token)),
    tokenId: ids.token,
    legacyAccountId: ids.account,
    journeyId: ids.journey,
    waveId: ids.wave,
  };
}

/** A same-origin form POST, as the link page's Continue button sends it. */
export function postForm(
  service: Pick<CustomerJourneyService, 'url'>,
  route: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${service.url}${route}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.url, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function tokenStatus(db: Pool, tokenId: string): Promise<string> {
  const { rows } = await db.query<{ status: string }>(`SELECT status FROM reset_token WHERE id = $1`, [
    tokenId,
  ]);
  return rows[0]!.status;
}

export async function journeyStatus(db: Pool, journeyId: string): Promise<string> {
  const { rows } = await db.query<{ status: string }>(`SELECT status FROM journey WHERE id = $1`, [
    journeyId,
  ]);
  return rows[0]!.status;
}

/** The types of events committed to the outbox for a journey (or subject), oldest first. */
export async function outboxEvents(
  db: Pool,
  subject: string,
): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const { rows } = await db.query<{ event_type: string; payload: Buffer; message_key: string }>(
    `SELECT event_type, payload, message_key FROM outbox_message WHERE message_key = $1 ORDER BY id`,
    [subject],
  );
  return rows.map((row) => ({
    type: row.event_type,
    data: JSON.parse(row.payload.toString('utf8')) as Record<string, unknown>,
  }));
}
