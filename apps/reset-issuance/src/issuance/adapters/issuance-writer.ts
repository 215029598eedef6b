import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { arrayParameter } from '@rekey/persistence';
import type { EntityManager } from 'typeorm';
import type { Issuance } from '../domain/issuance';

/**
 * Stores a batch of issuances in the caller's transaction with a handful of multi-row statements
 * (arrays through `unnest`, whatever the batch size): the superseded tokens first, so the
 * one-live-token-per-account index holds, then the new tokens, their journeys, their events.
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
      `UPDATE reset_token t SET status = 'superseded', superseded_by = x.new_id
       FROM unnest($1::uuid[], $2::uuid[]) AS x (old_id, new_id)
       WHERE t.id = x.old_id AND t.status = 'live'`,
      [superseding.map((issuance) => issuance.supersedes), superseding.map((issuance) => issuance.id)],
    );
  }
  await manager.query(
    `INSERT INTO reset_token (id, token_hash, journey_id, legacy_account_id, wave_id, status, trigger,
       channel_kind, issued_at, expires_at)
     SELECT id, token_hash, journey_id, legacy_account_id, wave_id, 'live', trigger, channel_kind, issued_at, expires_at
     FROM unnest($1::uuid[], $2::bytea[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[],
       $8::timestamptz[], $9::timestamptz[])
       AS x (id, token_hash, journey_id, legacy_account_id, wave_id, trigger, channel_kind, issued_at, expires_at)`,
    [
      arrayParameter(issuances.map((issuance) => issuance.id)),
      issuances.map((issuance) => issuance.tokenHash),
      arrayParameter(issuances.map((issuance) => issuance.journeyId)),
      arrayParameter(issuances.map((issuance) => issuance.legacyAccountId)),
      arrayParameter(issuances.map((issuance) => issuance.waveId)),
      arrayParameter(issuances.map((issuance) => issuance.trigger)),
      arrayParameter(issuances.map((issuance) => issuance.channel.kind)),
      arrayParameter(issuances.map((issuance) => issuance.issuedAt.toISOString())),
      arrayParameter(issuances.map((issuance) => issuance.expiresAt.toISOString())),
    ],
  );
  await manager.query(
    `UPDATE journey j SET status = 'issued', updated_at = x.issued_at
     FROM unnest($1::uuid[], $2::timestamptz[]) AS x (id, issued_at) WHERE j.id = x.id`,
    [
      arrayParameter(issuances.map((issuance) => issuance.journeyId)),
      arrayParameter(issuances.map((issuance) => issuance.issuedAt.toISOString())),
    ],
  );
  await appendToOutbox(manager, events);
}
