import { randomUUID } from 'node:crypto';
import {
  createEvent,
  ResetWaveLaunchedV1,
  ResetWavePlannedV1,
  type Band,
  type EventActor,
  type RekeyEvent,
  type Segment,
} from '@rekey/contracts';
import { defineCohort, type CohortRequest } from '../waves/domain/cohort';
import { launchWave, planWave, requestLaunch, type Wave } from '../waves/domain/wave';
import { wavePlanData } from '../waves/domain/wave-event-data';
import { WaveNotFound, WaveNotPlanned } from '../waves/domain/wave.errors';
import type { LaunchPlan, NewCampaign, WaveStore } from '../waves/wave-store.port';

/** A wave store to test, empty, and what the port cannot do itself. */
export interface WaveStoreUnderTest {
  store: WaveStore;
  /** Identity matching linked the account (an `eligible_account` row for the adapter). */
  addEligibleAccount(legacyAccountId: string, segment?: Segment, band?: Band): Promise<void>;
  /** The notices the launches scheduled for a wave, whatever their order. */
  scheduledNotices(waveId: string): Promise<Array<{ legacyAccountId: string; kind: string; dueAt: Date }>>;
  storedEventIds(): Promise<string[]>;
}

const operator: EventActor = { subject: 'alice@example.test', role: 'operator' };
const created = new Date(Date.UTC(2026, 11, 18, 9, 0));

function aWave(cohort: CohortRequest, createdAt = created) {
  const { cohort: defined, listedAccountIds } = defineCohort(cohort, randomUUID);
  const campaign: NewCampaign = { id: randomUUID(), name: 'spring', createdBy: operator, createdAt };
  const wave = planWave(
    {
      name: `wave ${randomUUID().slice(0, 8)}`,
      cohort: defined,
      noticeAt: new Date(createdAt.getTime() + 3_600_000),
      startsAt: new Date(createdAt.getTime() + 2 * 3_600_000),
      cutoffAt: new Date(createdAt.getTime() + 7 * 24 * 3_600_000),
      pacePerSecond: 50,
      linkLifetimeMinutes: 30,
    },
    { id: randomUUID(), campaignId: campaign.id },
    operator,
    createdAt,
  );
  const events: RekeyEvent[] = [
    createEvent(
      ResetWavePlannedV1,
      { ...wavePlanData(wave), plannedBy: operator },
      { source: 'reset-issuance', subject: wave.id },
    ),
  ];
  return { wave, listedAccountIds, events, campaign };
}

function launchPlan(reminder = true): (wave: Wave) => LaunchPlan {
  return (requested) => {
    const wave = launchWave(requested, new Date(created.getTime() + 60_000));
    return {
      wave,
      noticesDue: {
        advanceNotice: wave.noticeAt,
        ...(reminder ? { reminder: new Date(wave.cutoffAt.getTime() - 3_600_000) } : {}),
      },
      events: (snapshot) => [
        createEvent(
          ResetWaveLaunchedV1,
          { ...wavePlanData(wave), accountCount: snapshot.accountCount, launchedBy: wave.launchedBy },
          { source: 'reset-issuance', subject: wave.id },
        ),
      ],
    };
  };
}

const asked =
  (minute = 1) =>
  (wave: Wave) =>
    requestLaunch(wave, operator, new Date(created.getTime() + minute * 60_000));

/**
 * What every WaveStore does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. `setUp` gives an empty store for each case.
 */
export function describeWaveStoreContract(name: string, setUp: () => Promise<WaveStoreUnderTest>): void {
  describe(`${name} honours the WaveStore contract`, () => {
    let subject: WaveStoreUnderTest;
    let accounts: [string, string, string];

    beforeEach(async () => {
      subject = await setUp();
      const run = randomUUID();
      accounts = [`legacy-1-${run}`, `legacy-2-${run}`, `legacy-3-${run}`];
    });

    it('stores a planned wave, its new campaign and its events, and finds it back', async () => {
      const { wave, listedAccountIds, events, campaign } = aWave({
        segments: ['standard'],
        bands: [],
        legacyAccountIds: [],
      });

      await subject.store.create(wave, listedAccountIds, events, campaign);

      expect(await subject.store.find(wave.id)).toEqual(wave);
      expect(await subject.store.campaignExists(campaign.id)).toBe(true);
      expect(await subject.store.campaignExists(randomUUID())).toBe(false);
      expect(await subject.storedEventIds()).toEqual([events[0]?.id]);
    });

    it('adds a wave to an existing campaign, and refuses one in a campaign that does not exist', async () => {
      const first = aWave({ segments: [], bands: [], legacyAccountIds: [] });
      await subject.store.create(first.wave, [], [], first.campaign);
      const second = aWave({ segments: [], bands: [], legacyAccountIds: [] });
      const orphan = aWave({ segments: [], bands: [], legacyAccountIds: [] });

      await subject.store.create({ ...second.wave, campaignId: first.campaign.id }, [], second.events);
      await expect(subject.store.create(orphan.wave, [], orphan.events)).rejects.toThrow();

      expect((await subject.store.find(second.wave.id))?.campaignId).toBe(first.campaign.id);
      expect(await subject.store.find(orphan.wave.id)).toBeUndefined();
      expect(await subject.storedEventIds()).not.toContain(orphan.events[0]?.id);
    });

    it('finds no wave it never stored', async () => {
      expect(await subject.store.find(randomUUID())).toBeUndefined();
      await expect(subject.store.requestLaunch(randomUUID(), asked())).rejects.toBeInstanceOf(WaveNotFound);
    });

    it('lists waves newest first', async () => {
      const older = aWave({ segments: [], bands: [], legacyAccountIds: [] }, created);
      const newer = aWave(
        { segments: [], bands: [], legacyAccountIds: [] },
        new Date(created.getTime() + 60_000),
      );
      await subject.store.create(older.wave, [], [], older.campaign);
      await subject.store.create(newer.wave, [], [], newer.campaign);

      expect((await subject.store.list()).map((wave) => wave.id)).toEqual([newer.wave.id, older.wave.id]);
    });

    it('stores a launch request and lists requested launches oldest first', async () => {
      const later = aWave({ segments: [], bands: [], legacyAccountIds: [] });
      const earlier = aWave({ segments: [], bands: [], legacyAccountIds: [] });
      await subject.store.create(later.wave, [], [], later.campaign);
      await subject.store.create(earlier.wave, [], [], earlier.campaign);

      const requested = await subject.store.requestLaunch(later.wave.id, asked(5));
      await subject.store.requestLaunch(earlier.wave.id, asked(2));

      expect(requested).toMatchObject({ status: 'launching', launchedBy: operator });
      expect(await subject.store.find(later.wave.id)).toEqual(requested);
      expect(await subject.store.launchesRequested()).toEqual([
        { waveId: earlier.wave.id, cause: null },
        { waveId: later.wave.id, cause: null },
      ]);
      await expect(subject.store.requestLaunch(later.wave.id, asked(6))).rejects.toBeInstanceOf(
        WaveNotPlanned,
      );
    });

    it('launches a requested list wave once: a journey and its notices per eligible listed account', async () => {
      await subject.addEligibleAccount(accounts[0]);
      await subject.addEligibleAccount(accounts[1]);
      const { wave, listedAccountIds, campaign } = aWave({
        segments: [],
        bands: [],
        legacyAccountIds: accounts,
      });
      await subject.store.create(wave, listedAccountIds, [], campaign);
      await subject.store.requestLaunch(wave.id, asked());

      const launched = await subject.store.launch(wave.id, launchPlan());

      expect(launched?.snapshot).toEqual({ accountCount: 2, skippedInOpenJourney: 0, notEligible: 1 });
      expect(launched?.wave).toMatchObject({ status: 'launched', snapshot: launched?.snapshot });
      expect(await subject.store.find(wave.id)).toEqual(launched?.wave);
      expect(await subject.store.launchesRequested()).toEqual([]);
      const notices = await subject.scheduledNotices(wave.id);
      expect(notices).toHaveLength(4);
      expect(notices).toEqual(
        expect.arrayContaining([
          { legacyAccountId: accounts[0], kind: 'advance_notice', dueAt: wave.noticeAt },
          {
            legacyAccountId: accounts[1],
            kind: 'reminder',
            dueAt: new Date(wave.cutoffAt.getTime() - 3_600_000),
          },
        ]),
      );
      expect(await subject.store.progress(wave.id)).toEqual({
        byStatus: { awaiting_issue: 2 },
        bySegment: { standard: { awaiting_issue: 2 } },
        noticesSent: 0,
        linksDelivered: 0,
      });
      let calledAgain = false;
      const again = await subject.store.launch(wave.id, (requested) => {
        calledAgain = true;
        return launchPlan()(requested);
      });
      expect(again).toBeUndefined();
      expect(calledAgain).toBe(false);
    });

    it('launches a rule wave over the matching accounts, skipping those in another open journey', async () => {
      await subject.addEligibleAccount(accounts[0], 'privileged', 'high');
      await subject.addEligibleAccount(accounts[1], 'privileged', 'low');
      await subject.addEligibleAccount(accounts[2], 'standard', 'high');
      const listed = aWave({ segments: [], bands: [], legacyAccountIds: [accounts[0]] });
      const rule = aWave({ segments: ['privileged'], bands: [], legacyAccountIds: [] });
      for (const { wave, listedAccountIds, campaign } of [listed, rule]) {
        await subject.store.create(wave, listedAccountIds, [], campaign);
        await subject.store.requestLaunch(wave.id, asked());
      }
      await subject.store.launch(listed.wave.id, launchPlan(false));

      const launched = await subject.store.launch(rule.wave.id, launchPlan(false));

      expect(launched?.snapshot).toEqual({ accountCount: 1, skippedInOpenJourney: 1, notEligible: 0 });
      expect(await subject.scheduledNotices(rule.wave.id)).toEqual([
        { legacyAccountId: accounts[1], kind: 'advance_notice', dueAt: rule.wave.noticeAt },
      ]);
      expect((await subject.store.progress(rule.wave.id)).bySegment).toEqual({
        privileged: { awaiting_issue: 1 },
      });
    });

    it('stores the launch events with the snapshot they were made from', async () => {
      await subject.addEligibleAccount(accounts[0]);
      const { wave, listedAccountIds, campaign } = aWave({
        segments: [],
        bands: [],
        legacyAccountIds: [accounts[0]],
      });
      await subject.store.create(wave, listedAccountIds, [], campaign);
      await subject.store.requestLaunch(wave.id, asked());
      const made: RekeyEvent[] = [];

      await subject.store.launch(wave.id, (requested) => {
        const plan = launchPlan()(requested);
        return {
          ...plan,
          events: (snapshot) => {
            const events = plan.events(snapshot);
            made.push(...events);
            return events;
          },
        };
      });

      expect(made).toEqual([expect.objectContaining({ data: expect.objectContaining({ accountCount: 1 }) })]);
      expect(await subject.storedEventIds()).toEqual([made[0]?.id]);
    });

    it('launches nothing of a wave whose launch was not asked for', async () => {
      const { wave, campaign } = aWave({ segments: [], bands: [], legacyAccountIds: [] });
      await subject.store.create(wave, [], [], campaign);

      expect(await subject.store.launch(wave.id, launchPlan())).toBeUndefined();
      expect(await subject.store.launch(randomUUID(), launchPlan())).toBeUndefined();
      expect((await subject.store.find(wave.id))?.status).toBe('planned');
    });

    it('lets exactly one of two concurrent launches of one wave snapshot it', async () => {
      await subject.addEligibleAccount(accounts[0]);
      const { wave, listedAccountIds, campaign } = aWave({
        segments: [],
        bands: [],
        legacyAccountIds: [accounts[0]],
      });
      await subject.store.create(wave, listedAccountIds, [], campaign);
      await subject.store.requestLaunch(wave.id, asked());

      const results = await Promise.all([
        subject.store.launch(wave.id, launchPlan()),
        subject.store.launch(wave.id, launchPlan()),
      ]);

      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
      expect((await subject.store.progress(wave.id)).byStatus).toEqual({ awaiting_issue: 1 });
    });

    it('reports no progress for a wave with no journeys', async () => {
      expect(await subject.store.progress(randomUUID())).toEqual({
        byStatus: {},
        bySegment: {},
        noticesSent: 0,
        linksDelivered: 0,
      });
    });
  });
}
