import type { EventActor } from '@rekey/contracts';
import type { Cohort } from './cohort';
import { MAX_LINK_LIFETIME_MINUTES, validateSchedule, type WaveSchedule } from './wave-schedule';
import { WaveNotPlanned, WaveScheduleInvalid } from './wave.errors';

export type WaveStatus = 'planned' | 'launched' | 'completed' | 'cancelled';

export interface Wave extends WaveSchedule {
  id: string;
  campaignId: string;
  name: string;
  status: WaveStatus;
  cohort: Cohort;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
  createdBy: EventActor;
  createdAt: Date;
  launchedBy?: EventActor;
  launchedAt?: Date;
  accountCount?: number;
}

export interface WavePlan extends WaveSchedule {
  name: string;
  cohort: Cohort;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
}

export function planWave(
  plan: WavePlan,
  ids: { id: string; campaignId: string },
  createdBy: EventActor,
  now: Date,
): Wave {
  validateSchedule(plan, now);
  if (!Number.isInteger(plan.linkLifetimeMinutes) || plan.linkLifetimeMinutes < 1) {
    throw new WaveScheduleInvalid('linkLifetimeMinutes must be a positive whole number');
  }
  if (plan.linkLifetimeMinutes > MAX_LINK_LIFETIME_MINUTES) {
    throw new WaveScheduleInvalid(`linkLifetimeMinutes must be at most ${MAX_LINK_LIFETIME_MINUTES}`);
  }
  if (!(plan.pacePerSecond > 0)) throw new WaveScheduleInvalid('pacePerSecond must be positive');
  return {
    ...plan,
    id: ids.id,
    campaignId: ids.campaignId,
    status: 'planned',
    createdBy,
    createdAt: now,
  };
}

/** Launching snapshots the cohort once; a launched wave's cohort never changes. */
export function launchWave(wave: Wave, launchedBy: EventActor, now: Date): Wave {
  if (wave.status !== 'planned') throw new WaveNotPlanned(wave.id, wave.status);
  validateSchedule(wave, now);
  return { ...wave, status: 'launched', launchedBy, launchedAt: now };
}
