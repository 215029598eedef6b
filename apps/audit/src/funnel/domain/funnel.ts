import { MainSteps, StepLabels, type MainStep } from './funnel-steps';

/** What the projection counts for one group of journeys (a wave, or one segment of it). */
export interface StepCounts {
  journeys: number;
  /** Journeys that reached each step. */
  reached: Record<MainStep, number>;
  /** Journeys that reached each step and the one after it (none after `migrated`). */
  continued: Record<Exclude<MainStep, 'migrated'>, number>;
  stepUpNeeded: number;
  steppedUp: number;
  issueToMigrated: { journeys: number; p50Seconds: number | null; p90Seconds: number | null };
}

export interface FunnelStep {
  step: MainStep;
  label: string;
  reached: number;
  /** The step after this one; null for the last. */
  next: MainStep | null;
  /** Share of those who reached this step that reached the next (0–1); null when none reached it. */
  conversion: number | null;
  /** Reached this step but not the next. */
  abandoned: number;
}

export interface FunnelGroup {
  /** null for the whole wave. */
  segment: string | null;
  journeys: number;
  steps: FunnelStep[];
  /** Optional step, with its own denominator: the accounts that needed step-up. */
  stepUp: { label: string; needed: number; passed: number; conversion: number | null; abandoned: number };
  issueToMigrated: StepCounts['issueToMigrated'];
}

export interface WaveFacts {
  name: string | null;
  cutoffAt: string | null;
  accountCount: number | null;
}

export interface Funnel {
  waveId: string;
  wave: WaveFacts & {
    /** After the cutoff the legacy login is gone for the cohort: who stopped now has abandoned. */
    pastCutoff: boolean;
  };
  /** `final` once the wave is past its cutoff; before, who stopped may still go on. */
  abandonment: 'final' | 'in_progress';
  overall: FunnelGroup;
  bySegment: FunnelGroup[];
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Conversion and abandonment of one group, from its counts. */
export function funnelGroup(segment: string | null, counts: StepCounts): FunnelGroup {
  const steps = MainSteps.map((step, index): FunnelStep => {
    const next = MainSteps[index + 1] ?? null;
    const reached = counts.reached[step];
    const continued = next === null ? reached : counts.continued[step as Exclude<MainStep, 'migrated'>];
    return {
      step,
      label: StepLabels[step],
      reached,
      next,
      conversion: next === null ? null : ratio(continued, reached),
      abandoned: reached - continued,
    };
  });
  return {
    segment,
    journeys: counts.journeys,
    steps,
    stepUp: {
      label: StepLabels.stepped_up,
      needed: counts.stepUpNeeded,
      passed: counts.steppedUp,
      conversion: ratio(counts.steppedUp, counts.stepUpNeeded),
      abandoned: counts.stepUpNeeded - counts.steppedUp,
    },
    issueToMigrated: counts.issueToMigrated,
  };
}

/** The funnel of a wave, overall and by segment, as of `now`. */
export function waveFunnel(
  waveId: string,
  wave: WaveFacts,
  overall: StepCounts,
  bySegment: ReadonlyArray<{ segment: string; counts: StepCounts }>,
  now: Date,
): Funnel {
  const pastCutoff = wave.cutoffAt !== null && now.getTime() >= Date.parse(wave.cutoffAt);
  return {
    waveId,
    wave: { ...wave, pastCutoff },
    abandonment: pastCutoff ? 'final' : 'in_progress',
    overall: funnelGroup(null, overall),
    bySegment: [...bySegment]
      .sort((a, b) => a.segment.localeCompare(b.segment))
      .map(({ segment, counts }) => funnelGroup(segment, counts)),
  };
}
