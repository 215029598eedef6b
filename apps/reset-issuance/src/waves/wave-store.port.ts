import type { EventActor, RekeyEvent } from '@rekey/contracts';
import type { JourneyStatus } from './domain/journey-status';
import type { Wave } from './domain/wave';

export const WAVE_STORE = Symbol('WaveStore');

export interface NewCampaign {
  id: string;
  name: string;
  createdBy: EventActor;
  createdAt: Date;
}

/** What a launch found: journeys created, and accounts left out because another journey is open. */
export interface CohortSnapshot {
  accountCount: number;
  skippedInOpenJourney: number;
  /** Listed accounts with no verified link (a list cohort only). */
  notEligible: number;
}

export interface LaunchPlan {
  wave: Wave;
  noticesDue: { advanceNotice: Date; reminder?: Date };
  events: (snapshot: CohortSnapshot) => RekeyEvent[];
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
  /** Locks the wave, applies `launch`, snapshots its cohort into journeys and notices. */
  launch(
    waveId: string,
    launch: (wave: Wave) => LaunchPlan,
  ): Promise<{ wave: Wave; snapshot: CohortSnapshot }>;
  find(waveId: string): Promise<Wave | undefined>;
  list(): Promise<Wave[]>;
  progress(waveId: string): Promise<WaveProgress>;
}
