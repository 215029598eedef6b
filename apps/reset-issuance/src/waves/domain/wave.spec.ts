import { defineCohort, matchesRule, type CohortRule } from './cohort';
import { launchWave, planWave, requestLaunch, type WavePlan } from './wave';
import { reminderDueAt, validateSchedule } from './wave-schedule';
import { WaveCohortInvalid, WaveNotPlanned, WaveScheduleInvalid } from './wave.errors';

const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour));
const now = at(1);
const operator = { subject: 'alice', role: 'operator' as const };

function aPlan(overrides: Partial<WavePlan> = {}): WavePlan {
  return {
    name: 'Wave 1',
    cohort: { kind: 'rule', segments: ['standard'], bands: [] },
    noticeAt: at(2),
    startsAt: at(5),
    cutoffAt: at(20),
    pacePerSecond: 10,
    linkLifetimeMinutes: 30,
    ...overrides,
  };
}

describe('validateSchedule', () => {
  it('accepts notice before start before cutoff, and a notice sent with the first links', () => {
    expect(() => validateSchedule(aPlan(), now)).not.toThrow();
    expect(() => validateSchedule(aPlan({ noticeAt: at(5) }), now)).not.toThrow();
  });

  it('refuses a notice after the start', () => {
    expect(() => validateSchedule(aPlan({ noticeAt: at(6) }), now)).toThrow(
      new WaveScheduleInvalid('noticeAt must not be after startsAt'),
    );
  });

  it('refuses a start at or after the cutoff', () => {
    expect(() => validateSchedule(aPlan({ cutoffAt: at(5) }), now)).toThrow(
      /startsAt must be before cutoffAt/,
    );
  });

  it('refuses a cutoff that has already passed', () => {
    expect(() => validateSchedule(aPlan(), at(21))).toThrow(/cutoffAt must be in the future/);
  });
});

describe('reminderDueAt', () => {
  it('is the configured time before the cutoff', () => {
    expect(reminderDueAt(aPlan(), 48)).toEqual(at(18));
  });

  it('is absent when that would be before links go out', () => {
    expect(reminderDueAt(aPlan({ startsAt: at(19) }), 48)).toBeUndefined();
  });
});

describe('planWave', () => {
  it('refuses a link lifetime above a day', () => {
    expect(() =>
      planWave(aPlan({ linkLifetimeMinutes: 1441 }), { id: 'w', campaignId: 'c' }, operator, now),
    ).toThrow(/at most 1440/);
  });

  it('plans a wave that is not launched yet', () => {
    expect(planWave(aPlan(), { id: 'w', campaignId: 'c' }, operator, now)).toMatchObject({
      status: 'planned',
      createdBy: operator,
    });
  });
});

describe('launching a wave', () => {
  const planned = () => planWave(aPlan(), { id: 'w', campaignId: 'c' }, operator, now);
  const later = new Date(now.getTime() + 2_000);

  it('is asked for once, recording who asked, and then snapshotted', () => {
    const requested = requestLaunch(planned(), operator, now);
    expect(requested).toMatchObject({ status: 'launching', launchedBy: operator, launchRequestedAt: now });
    expect(requested.launchedAt).toBeUndefined();
    expect(() => requestLaunch(requested, operator, now)).toThrow(WaveNotPlanned);

    const launched = launchWave(requested, later);
    expect(launched).toMatchObject({ status: 'launched', launchedBy: operator, launchedAt: later });
    expect(() => requestLaunch(launched, operator, later)).toThrow(WaveNotPlanned);
  });

  it('snapshots only a wave whose launch was asked for', () => {
    expect(() => launchWave(planned(), later)).toThrow(/no launch was asked for/);
    expect(() => launchWave(launchWave(requestLaunch(planned(), operator, now), later), later)).toThrow(
      /launched: no launch was asked for/,
    );
  });

  it('refuses to launch a wave whose cutoff has passed', () => {
    const afterCutoff = new Date(aPlan().cutoffAt.getTime() + 1);
    expect(() => requestLaunch(planned(), operator, afterCutoff)).toThrow(/cutoffAt must be in the future/);
  });
});

describe('defineCohort', () => {
  const listId = () => 'list-1';

  it('takes an explicit list without duplicates, under a new list id', () => {
    expect(defineCohort({ segments: [], bands: [], legacyAccountIds: ['a', 'b', 'a'] }, listId)).toEqual({
      cohort: { kind: 'list', accountListId: 'list-1', size: 2 },
      listedAccountIds: ['a', 'b'],
    });
  });

  it('refuses a list combined with a rule', () => {
    expect(() =>
      defineCohort({ segments: ['standard'], bands: [], legacyAccountIds: ['a'] }, listId),
    ).toThrow(WaveCohortInvalid);
  });

  it('is a rule over every account when nothing is chosen', () => {
    const { cohort } = defineCohort({ segments: [], bands: [], legacyAccountIds: [] }, listId);
    expect(matchesRule(cohort as CohortRule, { segment: 'privileged', band: 'low' })).toBe(true);
  });
});

describe('matchesRule', () => {
  const rule: CohortRule = { kind: 'rule', segments: ['standard', 'inactive'], bands: ['high'] };

  it('needs both the primary segment and the band to be chosen', () => {
    expect(matchesRule(rule, { segment: 'inactive', band: 'high' })).toBe(true);
    expect(matchesRule(rule, { segment: 'privileged', band: 'high' })).toBe(false);
    expect(matchesRule(rule, { segment: 'standard', band: 'medium' })).toBe(false);
  });
});
