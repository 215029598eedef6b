import type { EventActor, RekeyEvent } from '@rekey/contracts';
import type { JourneyStatus } from '../journeys/domain/journey-status';
import type { CohortSnapshot, LaunchedWave, Wave } from './domain/wave';
import type { WorkCause } from '../shared/work-cause';

export type { CohortSnapshot } from './domain/wave';

export const WAVE_STORE = Symbol('WaveStore');

export interface NewCampaign {
  id: string;
  name: string;
  createdBy: EventActor;
  createdAt: Date;
}

export interface LaunchPlan {
  wave: LaunchedWave;
  noticesDue: { advanceNotice: Date; reminder?: Date };
  events: (snapshot: CohortSnapshot) => RekeyEvent[];
}

/** A wave whose launch was asked for, and what asked for it. */
export interface RequestedLaunch {
  waveId: string;
  cause: WorkCause | null;
}

export interface WaveProgress {
  byStatus: Partial<Record<JourneyStatus, number>>;
  bySegment: Record<string, Partial<Record<JourneyStatus, number>>>;
  noticesSent: number;
  /** Journeys whose reset link has been delivered at least once. */
  linksDelivered: number;
}

/** Campaigns, waves and their journeys; each change commits with its events. */
export interface WaveStore {
  campaignExists(campaignId: string): Promise<boolean>;
  /** Stores the planned wave and its events in one transaction. */
  create(wave: Wave, listedAccountIds: string[], events: RekeyEvent[], campaign?: NewCampaign): Promise<void>;
  /** Locks the wave and stores the launch request `request` makes of it. */
  requestLaunch(waveId: string, request: (wave: Wave) => Wave): Promise<Wave>;
  /** Waves whose launch was asked for and whose cohort is not snapshotted yet, oldest first. */
  launchesRequested(): Promise<RequestedLaunch[]>;
  /**
   * Locks the wave and, while its launch is still to do, applies `launch` and snapshots its cohort
   * into journeys and notices; undefined, without waiting, when another replica is doing it or
   * has done it.
   */
  launch(
    waveId: string,
    launch: (wave: Wave) => LaunchPlan,
  ): Promise<{ wave: Wave; snapshot: CohortSnapshot } | undefined>;
  find(waveId: string): Promise<Wave | undefined>;
  list(): Promise<Wave[]>;
  progress(waveId: string): Promise<WaveProgress>;
}
