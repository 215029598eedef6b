import type { EntityManager } from 'typeorm';
import type { AccountLinked, StepReached, WaveDescribed } from '../domain/journey-facts';

const StepColumns: Record<StepReached['step'], string> = {
  linked: 'linked_at',
  notified: 'notified_at',
  issued: 'issued_at',
  redeemed: 'redeemed_at',
  step_up_required: 'step_up_required_at',
  stepped_up: 'stepped_up_at',
  enrolled: 'enrolled_at',
  migrated: 'migrated_at',
};

/*
 * Every write here is an upsert that keeps the earliest time (LEAST ignores NULL) and fills in a
 * missing wave: applying the same facts in any order, any number of times, gives the same rows.
 */

export async function saveStep(manager: EntityManager, fact: StepReached): Promise<void> {
  if (fact.step === 'linked') return;
  const column = StepColumns[fact.step];
  if (fact.journeyId !== undefined) {
    await manager.query(
      `INSERT INTO funnel_journey (journey_id, wave_id, legacy_account_id, ${column})
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (journey_id) DO UPDATE SET
         wave_id = COALESCE(funnel_journey.wave_id, EXCLUDED.wave_id),
         ${column} = LEAST(funnel_journey.${column}, EXCLUDED.${column})`,
      [fact.journeyId, fact.waveId ?? null, fact.legacyAccountId, fact.at],
    );
    return;
  }
  // No journey named (an issuance from before journeys had ids): the account's journey in the wave.
  if (fact.waveId !== undefined) {
    await manager.query(
      `UPDATE funnel_journey SET ${column} = LEAST(${column}, $3)
       WHERE wave_id = $1 AND legacy_account_id = $2`,
      [fact.waveId, fact.legacyAccountId, fact.at],
    );
  }
}

export async function saveLink(manager: EntityManager, fact: AccountLinked): Promise<void> {
  // The latest link (by time, then event id) sets the segment; the first sets when it was linked.
  const later = `(EXCLUDED.segment_time, EXCLUDED.segment_event_id) > (funnel_link.segment_time, funnel_link.segment_event_id)`;
  await manager.query(
    `INSERT INTO funnel_link (legacy_account_id, segment, segments, linked_at, segment_event_id, segment_time)
     VALUES ($1, $2, $3, $4, $5, $4)
     ON CONFLICT (legacy_account_id) DO UPDATE SET
       linked_at = LEAST(funnel_link.linked_at, EXCLUDED.linked_at),
       segment = CASE WHEN ${later} THEN EXCLUDED.segment ELSE funnel_link.segment END,
       segments = CASE WHEN ${later} THEN EXCLUDED.segments ELSE funnel_link.segments END,
       segment_event_id = CASE WHEN ${later} THEN EXCLUDED.segment_event_id ELSE funnel_link.segment_event_id END,
       segment_time = GREATEST(funnel_link.segment_time, EXCLUDED.segment_time)`,
    [fact.legacyAccountId, fact.segment, fact.segments, fact.at, fact.eventId],
  );
}

export async function saveWave(manager: EntityManager, fact: WaveDescribed): Promise<void> {
  // A launch outranks a plan; among equals the latest description wins (a plan amended).
  const newer = `(EXCLUDED.described_rank, EXCLUDED.described_at) >= (funnel_wave.described_rank, funnel_wave.described_at)`;
  await manager.query(
    `INSERT INTO funnel_wave (wave_id, name, cutoff_at, account_count, described_rank, described_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (wave_id) DO UPDATE SET
       name = CASE WHEN ${newer} THEN EXCLUDED.name ELSE funnel_wave.name END,
       cutoff_at = CASE WHEN ${newer} THEN EXCLUDED.cutoff_at ELSE funnel_wave.cutoff_at END,
       account_count = COALESCE(
         CASE WHEN ${newer} THEN EXCLUDED.account_count ELSE funnel_wave.account_count END,
         funnel_wave.account_count, EXCLUDED.account_count),
       described_rank = GREATEST(funnel_wave.described_rank, EXCLUDED.described_rank),
       described_at = CASE WHEN ${newer} THEN EXCLUDED.described_at ELSE funnel_wave.described_at END`,
    [fact.waveId, fact.name, fact.cutoffAt, fact.accountCount ?? null, fact.rank, fact.at],
  );
}
