import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import type { EntityManager } from 'typeorm';
import type { Journey } from '../domain/journey';
import type { JourneyStatus } from '../domain/journey-status';
import { JourneyNotFound } from '../domain/journey.errors';
import type { JourneyChange } from '../journey-store.port';

interface JourneyRow {
  id: string;
  wave_id: string;
  legacy_account_id: string;
  status: JourneyStatus;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, wave_id, legacy_account_id, status, created_at, updated_at';

export async function selectJourney(
  manager: EntityManager,
  journeyId: string,
  lock: 'for update' | 'no lock',
): Promise<Journey | undefined> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM journey WHERE id = $1${lock === 'for update' ? ' FOR UPDATE' : ''}`,
    [journeyId],
  )) as JourneyRow[];
  return rows[0] ? toJourney(rows[0]) : undefined;
}

/**
 * One journey's change inside the caller's transaction: the row locked, `change` applied, the new
 * status and the events written. PgJourneyStore wraps it in its own transaction; an adapter whose
 * statement must commit with other rows of its own (the step-up's passed challenge and grant) calls
 * it in its transaction, so the journey's rules still decide.
 */
export async function changeJourneyIn(
  manager: EntityManager,
  journeyId: string,
  change: (journey: Journey) => JourneyChange,
): Promise<{ journey: Journey; events: RekeyEvent[] }> {
  const current = await selectJourney(manager, journeyId, 'for update');
  if (!current) throw new JourneyNotFound(journeyId);
  const { journey, events } = change(current);
  // Only the status moves: a journey's account, wave and start never change.
  await manager.query(`UPDATE journey SET status = $2, updated_at = $3 WHERE id = $1`, [
    current.id,
    journey.status,
    journey.updatedAt,
  ]);
  await appendToOutbox(manager, events);
  return { journey: { ...current, status: journey.status, updatedAt: journey.updatedAt }, events };
}

function toJourney(row: JourneyRow): Journey {
  return {
    id: row.id,
    waveId: row.wave_id,
    legacyAccountId: row.legacy_account_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
