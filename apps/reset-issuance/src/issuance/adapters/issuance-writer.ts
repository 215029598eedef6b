import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { unnestRows, type UnnestColumn } from '@rekey/persistence';
import type { EntityManager } from 'typeorm';
import { issueLinksToJourneysIn } from '../../journeys/adapters/journey-batch-statements.sql';
import type { Issuance } from '../domain/issuance';

/**
 * Stores a batch of issuances in the caller's transaction with a handful of multi-row statements
 * (arrays through `unnest`, whatever the batch size): the superseded tokens first, so the
 * one-live-token-per-account index holds (their sealed copies dropped: a superseded link is never
 * sent again), then the new tokens, their journeys (through the
 * journeys' own batch statement), their events.
 */
export async function writeIssuances(
  manager: EntityManager,
  issuances: Issuance[],
  events: RekeyEvent[],
): Promise<void> {
  if (issuances.length === 0) return;
  const superseding = issuances.filter((issuance) => issuance.supersedes);
  if (superseding.length > 0) {
    await manager.query(
      `UPDATE reset_token t SET status = 'superseded', superseded_by = x.new_id, sealed_token = NULL
       FROM unnest($1::uuid[], $2::uuid[]) AS x (old_id, new_id)
       WHERE t.id = x.old_id AND t.status = 'live'`,
      [superseding.map((issuance) => issuance.supersedes), superseding.map((issuance) => issuance.id)],
    );
  }
  const tokens = unnestRows(issuances, tokenColumns, 'x');
  await manager.query(
    `INSERT INTO reset_token (id, token_hash, code_hash, sealed_token, journey_id, legacy_account_id, wave_id,
       status, trigger, channel_kind, issued_at, expires_at)
     SELECT id, token_hash, code_hash, sealed_token, journey_id, legacy_account_id, wave_id, 'live', trigger,
       channel_kind, issued_at, expires_at
     FROM ${tokens.from}`,
    tokens.values,
  );
  await issueLinksToJourneysIn(manager, issuances);
  await appendToOutbox(manager, events);
}

// Dates travel as ISO text: one array literal per column, built without the driver's escaping.
const tokenColumns: UnnestColumn<Issuance>[] = [
  { name: 'id', type: 'uuid', value: (issuance) => issuance.id },
  { name: 'token_hash', type: 'bytea', value: (issuance) => issuance.tokenHash },
  { name: 'code_hash', type: 'bytea', value: (issuance) => issuance.codeHash },
  { name: 'sealed_token', type: 'bytea', value: (issuance) => issuance.sealedToken },
  { name: 'journey_id', type: 'uuid', value: (issuance) => issuance.journeyId },
  { name: 'legacy_account_id', type: 'text', value: (issuance) => issuance.legacyAccountId },
  { name: 'wave_id', type: 'uuid', value: (issuance) => issuance.waveId },
  { name: 'trigger', type: 'text', value: (issuance) => issuance.trigger },
  { name: 'channel_kind', type: 'text', value: (issuance) => issuance.channel.kind },
  { name: 'issued_at', type: 'timestamptz', value: (issuance) => issuance.issuedAt.toISOString() },
  { name: 'expires_at', type: 'timestamptz', value: (issuance) => issuance.expiresAt.toISOString() },
];
