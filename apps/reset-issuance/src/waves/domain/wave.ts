import type { EventActor } from '@rekey/contracts';
import type { Cohort } from './cohort';
import { validateEnrolmentPolicy, type WaveEnrolmentPolicy } from './enrolment-policy';
import { MAX_LINK_LIFETIME_MINUTES, validateSchedule, type WaveSchedule } from './wave-schedule';
import { WaveNotPlanned, WaveScheduleInvalid } from './wave.errors';

export type WaveStatus = 'planned' | 'launching' | 'launched' | 'completed' | 'cancelled';

/** What a launch found: journeys created, and accounts left out because another journey is open. */
export interface CohortSnapshot {
  accountCount: number;
  skippedInOpenJourney: number;
  /** Listed accounts with no verified link (a list cohort only). */
  notEligible: number;
}

export interface Wave extends WaveSchedule {
  id: string;
  campaignId: string;
  name: string;
  status: WaveStatus;
  cohort: Cohort;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
  /** As the operator planned it; absent, every segment takes the defaults at hand-off. */
  enrolmentPolicy?: WaveEnrolmentPolicy;
  createdBy: EventActor;
  createdAt: Date;
  /** Who asked for the launch, and when; set once the wave leaves `planned`. */
  launchedBy?: EventActor;
  launchRequestedAt?: Date;
  /** When its cohort was snapshotted, and what the snapshot found. */
  launchedAt?: Date;
  snapshot?: CohortSnapshot;
}

export interface WavePlan extends WaveSchedule {
  name: string;
  cohort: Cohort;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
  enrolmentPolicy?: WaveEnrolmentPolicy;
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
  if (plan.enrolmentPolicy) validateEnrolmentPolicy(plan.enrolmentPolicy, plan.cutoffAt);
  return {
    ...plan,
    id: ids.id,
    campaignId: ids.campaignId,
    status: 'planned',
    createdBy,
    createdAt: now,
  };
}

/**
 * Asking for a launch freezes the plan and records who asked. The snapshot of a cohort of hundreds
 * of thousands takes longer than an HTTP request should, so it follows in the background.
 */
export function requestLaunch(wave: Wave, launchedBy: EventActor, now: Date): Wave {
  if (wave.status !== 'planned') throw new WaveNotPlanned(wave.id, wave.status);
  validateSchedule(wave, now);
  return { ...wave, status: 'launching', launchedBy, launchRequestedAt: now };
}

export type LaunchedWave = Wave & { launchedBy: EventActor; launchedAt: Date };

/** Launching snapshots the cohort once; a launched wave's cohort never changes. */
export function launchWave(wave: Wave, now: Date): LaunchedWave {
  if (wave.status !== 'launching' || !wave.launchedBy) {
    throw new Error(`wave ${wave.id} is ${wave.status}: no launch was asked for`);
  }
  return { ...wave, status: 'launched', launchedBy: wave.launchedBy, launchedAt: now };
}
