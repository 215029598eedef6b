import type { Band, RekeyEvent, Segment } from '@rekey/contracts';
import { currentWorkCause, type WorkCause } from '../shared/work-cause';
import { matchesRule } from '../waves/domain/cohort';
import { ClosedJourneyStatuses, type JourneyStatus } from '../journeys/domain/journey-status';
import type { Wave } from '../waves/domain/wave';
import { WaveNotFound } from '../waves/domain/wave.errors';
import type {
  CohortSnapshot,
  LaunchPlan,
  NewCampaign,
  RequestedLaunch,
  WaveProgress,
  WaveStore,
} from '../waves/wave-store.port';

export interface FakeJourney {
  waveId: string;
  legacyAccountId: string;
  status: JourneyStatus;
}

export interface FakeNotice {
  waveId: string;
  legacyAccountId: string;
  kind: 'advance_notice' | 'reminder';
  dueAt: Date;
  sent: boolean;
}

/** A journey of one of these statuses no longer keeps its account out of another wave. */

/**
 * Campaigns, waves, eligible accounts, journeys and notices in memory, honouring the PostgreSQL
 * adapter's contract (wave-store.contract.ts): one open journey per account, one launch per wave.
 */
export class FakeWaveStore implements WaveStore {
  private readonly campaigns = new Map<string, NewCampaign | { id: string }>();
  private readonly waves = new Map<string, { wave: Wave; cause: WorkCause | null }>();
  private readonly lists = new Map<string, string[]>();
  private readonly accounts = new Map<string, { segment: Segment; band: Band }>();
  readonly journeys: FakeJourney[] = [];
  readonly notices: FakeNotice[] = [];
  /** Every stored event, in order. */
  readonly events: RekeyEvent[] = [];

  /** An account identity matching linked (an `eligible_account` row, for the adapter). */
  addEligibleAccount(legacyAccountId: string, segment: Segment = 'standard', band: Band = 'high'): void {
    this.accounts.set(legacyAccountId, { segment, band });
  }

  async campaignExists(campaignId: string): Promise<boolean> {
    return this.campaigns.has(campaignId);
  }

  async create(
    wave: Wave,
    listedAccountIds: string[],
    events: RekeyEvent[],
    campaign?: NewCampaign,
  ): Promise<void> {
    // The adapter's primary keys and foreign key: checked before anything is stored.
    if (this.waves.has(wave.id)) throw new Error(`wave ${wave.id} already exists`);
    if (campaign && this.campaigns.has(campaign.id))
      throw new Error(`campaign ${campaign.id} already exists`);
    if (!campaign && !this.campaigns.has(wave.campaignId))
      throw new Error(`campaign ${wave.campaignId} does not exist`);
    if (campaign) this.campaigns.set(campaign.id, { ...campaign });
    this.waves.set(wave.id, { wave: structuredClone(wave), cause: null });
    if (wave.cohort.kind === 'list') this.lists.set(wave.cohort.accountListId, [...listedAccountIds]);
    this.events.push(...events);
  }

  async requestLaunch(waveId: string, request: (wave: Wave) => Wave): Promise<Wave> {
    const stored = this.waves.get(waveId);
    if (!stored) throw new WaveNotFound(waveId);
    const wave = request(structuredClone(stored.wave));
    this.waves.set(waveId, { wave: structuredClone(wave), cause: currentWorkCause() });
    return wave;
  }

  async launchesRequested(): Promise<RequestedLaunch[]> {
    return [...this.waves.values()]
      .filter(({ wave }) => wave.status === 'launching')
      .sort(
        (a, b) =>
          (a.wave.launchRequestedAt?.getTime() ?? 0) - (b.wave.launchRequestedAt?.getTime() ?? 0) ||
          a.wave.id.localeCompare(b.wave.id),
      )
      .map(({ wave, cause }) => ({ waveId: wave.id, cause }));
  }

  // No await between the status check and the snapshot: of two concurrent launches, one runs.
  async launch(
    waveId: string,
    launch: (wave: Wave) => LaunchPlan,
  ): Promise<{ wave: Wave; snapshot: CohortSnapshot } | undefined> {
    const stored = this.waves.get(waveId);
    if (stored?.wave.status !== 'launching') return undefined;
    const plan = launch(structuredClone(stored.wave));
    const cohort = this.cohortOf(plan.wave);
    const taken = cohort.filter((account) => !this.inOpenJourney(account));
    for (const legacyAccountId of taken) {
      this.journeys.push({ waveId, legacyAccountId, status: 'awaiting_issue' });
      this.notices.push({
        waveId,
        legacyAccountId,
        kind: 'advance_notice',
        dueAt: plan.noticesDue.advanceNotice,
        sent: false,
      });
      if (plan.noticesDue.reminder) {
        this.notices.push({
          waveId,
          legacyAccountId,
          kind: 'reminder',
          dueAt: plan.noticesDue.reminder,
          sent: false,
        });
      }
    }
    const snapshot: CohortSnapshot = {
      accountCount: taken.length,
      skippedInOpenJourney: cohort.length - taken.length,
      notEligible: plan.wave.cohort.kind === 'list' ? plan.wave.cohort.size - cohort.length : 0,
    };
    const wave: Wave = { ...plan.wave, snapshot };
    this.waves.set(waveId, { wave: structuredClone(wave), cause: stored.cause });
    this.events.push(...plan.events(snapshot));
    return { wave, snapshot };
  }

  async find(waveId: string): Promise<Wave | undefined> {
    const stored = this.waves.get(waveId);
    return stored && structuredClone(stored.wave);
  }

  /** Newest first, at most 200, as the adapter lists them. */
  async list(): Promise<Wave[]> {
    return [...this.waves.values()]
      .map(({ wave }) => structuredClone(wave))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, 200);
  }

  async progress(waveId: string): Promise<WaveProgress> {
    const progress: WaveProgress = {
      byStatus: {},
      bySegment: {},
      noticesSent: this.notices.filter((notice) => notice.waveId === waveId && notice.sent).length,
      // Links are the issuance store's: this fake issues none.
      linksDelivered: 0,
    };
    for (const journey of this.journeys.filter((candidate) => candidate.waveId === waveId)) {
      const segment = this.accounts.get(journey.legacyAccountId)?.segment;
      // The adapter counts journeys of eligible accounts only (its join).
      if (!segment) continue;
      progress.byStatus[journey.status] = (progress.byStatus[journey.status] ?? 0) + 1;
      const bySegment = (progress.bySegment[segment] ??= {});
      bySegment[journey.status] = (bySegment[journey.status] ?? 0) + 1;
    }
    return progress;
  }

  private cohortOf(wave: Wave): string[] {
    const cohort = wave.cohort;
    if (cohort.kind === 'list') {
      return (this.lists.get(cohort.accountListId) ?? []).filter((account) => this.accounts.has(account));
    }
    return [...this.accounts.entries()]
      .filter(([, account]) => matchesRule(cohort, account))
      .map(([legacyAccountId]) => legacyAccountId);
  }

  private inOpenJourney(legacyAccountId: string): boolean {
    return this.journeys.some(
      (journey) =>
        journey.legacyAccountId === legacyAccountId && !ClosedJourneyStatuses.includes(journey.status),
    );
  }
}
