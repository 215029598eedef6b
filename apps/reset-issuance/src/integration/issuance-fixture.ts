import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '@rekey/background';
import type { SettableClock } from '@rekey/background/testing';
import { MessagingTables1767225600000 } from '@rekey/messaging';
import { notifierFromConfig, type Notifier } from '@rekey/notifications';
import { openScratchDataSource } from '@rekey/testing';
import { testTokenSealer } from '../testing';
import type { DataSource } from 'typeorm';
import { PgIssuanceStore } from '../issuance/adapters/pg-issuance-store.adapter';
import { PgNoticeStore } from '../issuance/adapters/pg-notice-store.adapter';
import { DeliverLinks } from '../issuance/deliver-links';
import { ExpireLinks } from '../issuance/expire-links';
import type { IssuanceSettings, SchedulerLog } from '../issuance/issuance-settings';
import { IssueWaveLinks } from '../issuance/issue-wave-links';
import { ProcessReissueRequests } from '../issuance/process-reissue-requests';
import { ResendUndeliveredLinks } from '../issuance/resend-undelivered-links';
import { SendDueNotices } from '../issuance/send-due-notices';
import { WaveScheduler } from '../issuance/wave-scheduler';
import { AccountHolds1767312000000 } from '../migrations/1767312000000-account-holds';
import { JourneysAndTokens1767398400000 } from '../migrations/1767398400000-journeys-and-tokens';
import { JourneyClaimOrder1767830400000 } from '../migrations/1767830400000-journey-claim-order';
import { BackgroundWaveLaunch1767916800000 } from '../migrations/1767916800000-background-wave-launch';
import { BackgroundWorkCauses1768003200000 } from '../migrations/1768003200000-background-work-causes';
import { ResetCodes1768200000000 } from '../migrations/1768200000000-reset-codes';
import { SealedUndeliveredLinks1768600000000 } from '../migrations/1768600000000-sealed-undelivered-links';
import { WaveEnrolmentPolicy1768900000000 } from '../migrations/1768900000000-wave-enrolment-policy';
import { WavesNoticesAndIssuance1767571200000 } from '../migrations/1767571200000-waves-notices-and-issuance';
import { TypeormWaveStore } from '../waves/adapters/typeorm-wave-store.adapter';
import { CreateWave } from '../waves/create-wave';
import { requestLaunch, type Wave } from '../waves/domain/wave';
import { LaunchRequestedWaves } from '../waves/launch-requested-waves';
import { LaunchWave } from '../waves/launch-wave';

export const migrations = [
  MessagingTables1767225600000,
  AccountHolds1767312000000,
  JourneysAndTokens1767398400000,
  WavesNoticesAndIssuance1767571200000,
  JourneyClaimOrder1767830400000,
  BackgroundWaveLaunch1767916800000,
  BackgroundWorkCauses1768003200000,
  ResetCodes1768200000000,
  SealedUndeliveredLinks1768600000000,
  WaveEnrolmentPolicy1768900000000,
];

export function scratchDatabase(prefix: string): Promise<{ dataSource: DataSource; url: string }> {
  return openScratchDataSource(prefix, migrations);
}

export type TestSettings = IssuanceSettings & { WAVE_REMINDER_BEFORE_CUTOFF_HOURS: number };

export function testSettings(overrides: Partial<TestSettings> = {}): TestSettings {
  return {
    RESET_BASE_URL: 'https://reset.example.test',
    ISSUANCE_BATCH_SIZE: 25,
    SEND_CONCURRENCY: 8,
    DELIVERY_LEASE_SECONDS: 120,
    DELIVERY_MAX_IN_FLIGHT: 64,
    REISSUE_COOLDOWN_SECONDS: 300,
    SCHEDULER_TICK_MS: 50,
    WAVE_REMINDER_BEFORE_CUTOFF_HOURS: 48,
    ...overrides,
  };
}

/** Collects what the scheduler logs, so a test can show no token ever reached a log line. */
export class RecordingLog implements SchedulerLog {
  lines: string[] = [];
  warn(fields: object, message: string): void {
    this.lines.push(JSON.stringify({ ...fields, message }));
  }
  info(fields: object, message: string): void {
    this.lines.push(JSON.stringify({ ...fields, message }));
  }
}

/** The service's notifier with NOTIFY_TRANSPORT=file: `.eml` and `.txt` files in `directory`. */
export function fileNotifier(directory: string): Notifier {
  return notifierFromConfig({
    NOTIFY_TRANSPORT: 'file',
    NOTIFY_FILE_DIR: directory,
    NOTIFY_FROM: 'Rekey <no-reply@example.test>',
  });
}

/** The scheduler and its use cases wired by hand, as the Nest module wires them. */
export function buildScheduler(
  dataSource: DataSource,
  notifier: Notifier,
  clock: Clock,
  settings: TestSettings,
  log: SchedulerLog = new RecordingLog(),
): WaveScheduler {
  const store = new PgIssuanceStore(dataSource);
  const waves = new TypeormWaveStore(dataSource);
  const sealer = testTokenSealer();
  return new WaveScheduler(
    new LaunchRequestedWaves(waves, new LaunchWave(waves, clock, settings), log),
    new ExpireLinks(store, clock, settings),
    new ResendUndeliveredLinks(store, clock, settings, sealer, log),
    new ProcessReissueRequests(store, clock, settings, sealer),
    new SendDueNotices(new PgNoticeStore(dataSource), notifier, clock, settings, log),
    new IssueWaveLinks(store, clock, settings, sealer),
    new DeliverLinks(store, notifier, clock, settings, log),
    { ...settings, SCHEDULER_ENABLED: false },
    log,
  );
}

/** Eligible accounts `<prefix>-1..n`, each with a verified email `<prefix>-i@example.test`. */
/**
 * A launched wave (in a campaign of its own) that starts now, runs a week, at 10 links/s with
 * 30-minute links: what the store specs seed journeys and tokens into. Returns its id.
 */
export async function insertLaunchedWave(
  dataSource: { query: (sql: string, parameters: unknown[]) => Promise<unknown> },
  waveId: string = randomUUID(),
): Promise<string> {
  const campaignId = randomUUID();
  await dataSource.query(
    `INSERT INTO campaign (id, name, created_by, created_at) VALUES ($1, 'c', 'test', now())`,
    [campaignId],
  );
  await dataSource.query(
    `INSERT INTO wave (id, campaign_id, name, status, cohort, notice_at, starts_at, cutoff_at, pace_per_second,
       link_lifetime_minutes, created_by, created_at)
     VALUES ($1, $2, 'wave', 'launched', '{}'::jsonb, now(), now(), now() + interval '7 days', 10, 30, 'test', now())`,
    [waveId, campaignId],
  );
  return waveId;
}

export async function seedAccounts(
  dataSource: DataSource,
  prefix: string,
  count: number,
  segment = 'standard',
): Promise<string[]> {
  await dataSource.query(
    `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment, segments,
       band, verified_contacts, linked_at, link_event_id)
     SELECT $1 || '-' || i, 'T-' || $1 || '-' || i, false, $3, ARRAY[$3], 'high',
       jsonb_build_array(jsonb_build_object('kind', 'email', 'value', $1 || '-' || i || '@example.test')),
       now(), gen_random_uuid()
     FROM generate_series(1, $2::int) AS i`,
    [prefix, count, segment],
  );
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
}

export async function placeHold(dataSource: DataSource, legacyAccountId: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO account_hold (id, legacy_account_id, reason, placed_by, placed_by_role, placed_at)
     VALUES (gen_random_uuid(), $1, 'test', 'alice', 'operator', now())`,
    [legacyAccountId],
  );
}

export const operator = { subject: 'alice@example.test', role: 'operator' as const };

/** Plans a wave over the given accounts (an explicit list), starting now. */
export function planWaveOver(
  dataSource: DataSource,
  clock: SettableClock,
  legacyAccountIds: string[],
  overrides: { pacePerSecond?: number; startsInMs?: number; linkLifetimeMinutes?: number } = {},
): Promise<Wave> {
  const now = clock.now();
  const startsAt = new Date(now.getTime() + (overrides.startsInMs ?? 0));
  return new CreateWave(new TypeormWaveStore(dataSource), clock).execute({
    name: `wave ${randomUUID().slice(0, 8)}`,
    cohort: { segments: [], bands: [], legacyAccountIds },
    noticeAt: now,
    startsAt,
    cutoffAt: new Date(startsAt.getTime() + 7 * 24 * 3_600_000),
    pacePerSecond: overrides.pacePerSecond ?? 100_000,
    linkLifetimeMinutes: overrides.linkLifetimeMinutes ?? 30,
    actor: operator,
  });
}

/** Plans a wave over the given accounts and launches it: the request, then its snapshot. */
export async function launchWave(
  dataSource: DataSource,
  clock: SettableClock,
  settings: TestSettings,
  legacyAccountIds: string[],
  overrides: { pacePerSecond?: number; startsInMs?: number; linkLifetimeMinutes?: number } = {},
): Promise<Wave> {
  const waves = new TypeormWaveStore(dataSource);
  const wave = await planWaveOver(dataSource, clock, legacyAccountIds, overrides);
  await waves.requestLaunch(wave.id, (planned) => requestLaunch(planned, operator, clock.now()));
  const launched = await new LaunchWave(waves, clock, settings).execute(wave.id);
  if (!launched) throw new Error(`wave ${wave.id} was not launched`);
  return launched.wave;
}

export interface TokenRow {
  id: string;
  legacy_account_id: string;
  status: string;
  token_hash: Buffer;
  delivered_at: Date | null;
  superseded_by: string | null;
  trigger: string;
}

export function tokensOf(dataSource: DataSource): Promise<TokenRow[]> {
  return dataSource.query(
    `SELECT id, legacy_account_id, status, token_hash, delivered_at, superseded_by, trigger FROM reset_token`,
  );
}

export async function outboxEvents(
  dataSource: DataSource,
  type: string,
): Promise<Array<{ key: string; data: Record<string, unknown>; journeyId?: string }>> {
  const rows: Array<{ message_key: string; payload: Buffer; headers: Record<string, string> }> =
    await dataSource.query(
      `SELECT message_key, payload, headers FROM outbox_message WHERE event_type = $1 ORDER BY id`,
      [type],
    );
  return rows.map((row) => ({
    key: row.message_key,
    data: JSON.parse(row.payload.toString('utf8')) as Record<string, unknown>,
    ...(row.headers['ce_journeyid'] ? { journeyId: row.headers['ce_journeyid'] } : {}),
  }));
}

/** Every file the file notifier wrote, by name. */
export async function writtenMessages(directory: string): Promise<Map<string, string>> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const files = new Map<string, string>();
  for (const name of names.filter((file) => !file.endsWith('.part'))) {
    files.set(name, await readFile(path.join(directory, name), 'utf8'));
  }
  return files;
}

/** Decodes quoted-printable soft line breaks and escapes enough to find links in a raw .eml. */
export function unfoldQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
