import { randomUUID } from 'node:crypto';
import { FakeWaveStore } from '../testing';
import { CreateWave, type CreateWaveCommand } from './create-wave';
import { requestLaunch } from './domain/wave';
import { CampaignNotFound, WaveCohortInvalid, WaveEnrolmentPolicyInvalid } from './domain/wave.errors';
import { LaunchWave } from './launch-wave';

const operator = { subject: 'alice@example.test', role: 'operator' as const };
const now = new Date('2026-12-18T09:00:00Z');
const clock = { now: () => now, newId: () => randomUUID() };
const hours = (count: number) => new Date(now.getTime() + count * 3_600_000);

function command(overrides: Partial<CreateWaveCommand> = {}): CreateWaveCommand {
  return {
    name: 'spring reset',
    cohort: { segments: ['standard'], bands: [], legacyAccountIds: [] },
    noticeAt: hours(1),
    startsAt: hours(24),
    cutoffAt: hours(24 * 7),
    pacePerSecond: 20,
    linkLifetimeMinutes: 30,
    actor: operator,
    ...overrides,
  };
}

describe('planning and launching a wave', () => {
  it('plans a wave in a new campaign and stores its planned event', async () => {
    const store = new FakeWaveStore();

    const wave = await new CreateWave(store, clock).execute(command());

    expect(await store.find(wave.id)).toEqual(wave);
    expect(await store.campaignExists(wave.campaignId)).toBe(true);
    expect(store.events).toEqual([
      expect.objectContaining({ type: 'rekey.reset.wave-planned.v1', subject: wave.id }),
    ]);
  });

  it('refuses a campaign that does not exist and a cohort that is both a rule and a list, storing nothing', async () => {
    const store = new FakeWaveStore();
    const create = new CreateWave(store, clock);

    await expect(create.execute(command({ campaignId: randomUUID() }))).rejects.toBeInstanceOf(
      CampaignNotFound,
    );
    await expect(
      create.execute(
        command({ cohort: { segments: ['standard'], bands: [], legacyAccountIds: ['legacy-1'] } }),
      ),
    ).rejects.toBeInstanceOf(WaveCohortInvalid);
    expect(await store.list()).toEqual([]);
    expect(store.events).toEqual([]);
  });

  it('stores the enrolment policy planned and publishes it in the planned event, bridge as bridgeEndsAt', async () => {
    const store = new FakeWaveStore();
    const enrolmentPolicy = {
      minimumAssurance: { standard: 'aal2' as const },
      passwordBridgeEndsAt: hours(24 * 30),
    };

    const wave = await new CreateWave(store, clock).execute(command({ enrolmentPolicy }));

    expect((await store.find(wave.id))?.enrolmentPolicy).toEqual(enrolmentPolicy);
    expect(store.events[0]?.data).toMatchObject({
      enrolmentPolicy: {
        minimumAssurance: { standard: 'aal2' },
        bridgeEndsAt: hours(24 * 30).toISOString(),
      },
    });
  });

  it('publishes no policy for a wave planned without one', async () => {
    const store = new FakeWaveStore();

    await new CreateWave(store, clock).execute(command());

    expect(store.events[0]?.data).not.toHaveProperty('enrolmentPolicy');
  });

  it('refuses a bridge that ends before the cutoff or an unknown segment, naming the field and storing nothing', async () => {
    const store = new FakeWaveStore();
    const create = new CreateWave(store, clock);

    await expect(
      create.execute(command({ enrolmentPolicy: { passwordBridgeEndsAt: hours(24) } })),
    ).rejects.toThrow(
      new WaveEnrolmentPolicyInvalid('enrolmentPolicy.passwordBridgeEndsAt', 'must be after cutoffAt'),
    );
    await expect(
      create.execute(command({ enrolmentPolicy: { minimumAssurance: { root: 'aal2' } as never } })),
    ).rejects.toThrow(/enrolmentPolicy\.minimumAssurance\.root unknown segment/);
    expect(await store.list()).toEqual([]);
    expect(store.events).toEqual([]);
  });

  it('launches a listed cohort: a journey for each eligible account, notices and a reminder, one launch event', async () => {
    const store = new FakeWaveStore();
    store.addEligibleAccount('legacy-1');
    store.addEligibleAccount('legacy-2');
    const wave = await new CreateWave(store, clock).execute(
      command({
        cohort: { segments: [], bands: [], legacyAccountIds: ['legacy-1', 'legacy-2', 'legacy-unlinked'] },
      }),
    );
    await store.requestLaunch(wave.id, (planned) => requestLaunch(planned, operator, now));

    const launched = await new LaunchWave(store, clock, { WAVE_REMINDER_BEFORE_CUTOFF_HOURS: 48 }).execute(
      wave.id,
    );

    expect(launched?.snapshot).toEqual({ accountCount: 2, skippedInOpenJourney: 0, notEligible: 1 });
    expect(store.journeys.map((journey) => journey.legacyAccountId).sort()).toEqual(['legacy-1', 'legacy-2']);
    expect(
      store.notices.filter((notice) => notice.kind === 'reminder').map((notice) => notice.dueAt),
    ).toEqual([hours(24 * 7 - 48), hours(24 * 7 - 48)]);
    expect(store.events.at(-1)).toMatchObject({
      type: 'rekey.reset.wave-launched.v1',
      data: expect.objectContaining({ accountCount: 2, launchedBy: operator }),
    });
    expect(
      await new LaunchWave(store, clock, { WAVE_REMINDER_BEFORE_CUTOFF_HOURS: 48 }).execute(wave.id),
    ).toBeUndefined();
  });

  it('schedules no reminder when it would fall before the wave starts', async () => {
    const store = new FakeWaveStore();
    store.addEligibleAccount('legacy-1');
    const wave = await new CreateWave(store, clock).execute(
      command({ startsAt: hours(2), cutoffAt: hours(24) }),
    );
    await store.requestLaunch(wave.id, (planned) => requestLaunch(planned, operator, now));

    await new LaunchWave(store, clock, { WAVE_REMINDER_BEFORE_CUTOFF_HOURS: 48 }).execute(wave.id);

    expect(store.notices.map((notice) => notice.kind)).toEqual(['advance_notice']);
  });
});
