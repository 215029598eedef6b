import { WaveScheduleInvalid } from './wave.errors';

export const MAX_LINK_LIFETIME_MINUTES = 1440;

export interface WaveSchedule {
  noticeAt: Date;
  startsAt: Date;
  cutoffAt: Date;
}

/**
 * Notice first (or with the first links), links before the cutoff, and the cutoff still ahead:
 * a wave whose cutoff has passed would never send anything.
 */
export function validateSchedule(schedule: WaveSchedule, now: Date): WaveSchedule {
  const { noticeAt, startsAt, cutoffAt } = schedule;
  if (noticeAt > startsAt) throw new WaveScheduleInvalid('noticeAt must not be after startsAt');
  if (startsAt >= cutoffAt) throw new WaveScheduleInvalid('startsAt must be before cutoffAt');
  if (cutoffAt <= now) throw new WaveScheduleInvalid('cutoffAt must be in the future');
  return schedule;
}

/**
 * When the reminder is due: a fixed time before the cutoff, but only once links go out; a wave
 * too short for that gets no reminder.
 */
export function reminderDueAt(schedule: WaveSchedule, hoursBeforeCutoff: number): Date | undefined {
  const due = new Date(schedule.cutoffAt.getTime() - hoursBeforeCutoff * 3_600_000);
  return due > schedule.startsAt ? due : undefined;
}
