import { funnelGroup, waveFunnel, type StepCounts } from './funnel';

function counts(overrides: Partial<StepCounts> = {}): StepCounts {
  return {
    journeys: 10,
    reached: { linked: 10, notified: 9, issued: 8, redeemed: 6, enrolled: 4, migrated: 3 },
    continued: { linked: 9, notified: 8, issued: 6, redeemed: 4, enrolled: 3 },
    stepUpNeeded: 2,
    steppedUp: 1,
    issueToMigrated: { journeys: 3, p50Seconds: 60, p90Seconds: 120 },
    ...overrides,
  };
}

describe('funnelGroup', () => {
  it('converts each step to the next among those who reached it, and counts who stopped there', () => {
    const group = funnelGroup(null, counts());
    expect(group.steps.map((step) => [step.step, step.reached, step.conversion, step.abandoned])).toEqual([
      ['linked', 10, 0.9, 1],
      ['notified', 9, 8 / 9, 1],
      ['issued', 8, 0.75, 2],
      ['redeemed', 6, 4 / 6, 2],
      ['enrolled', 4, 0.75, 1],
      ['migrated', 3, null, 0],
    ]);
  });

  it('counts a journey that skipped a step (no advance notice) only where it went on', () => {
    // 8 issued, but only 7 of them were notified first: notified → issued converts 7 of 9.
    const group = funnelGroup(
      null,
      counts({ continued: { linked: 9, notified: 7, issued: 6, redeemed: 4, enrolled: 3 } }),
    );
    expect(group.steps[1]).toMatchObject({ step: 'notified', conversion: 7 / 9, abandoned: 2 });
  });

  it('reports step-up against the accounts that needed it, not against everyone redeemed', () => {
    const group = funnelGroup('privileged', counts());
    expect(group.stepUp).toEqual({
      label: 'stepped up',
      needed: 2,
      passed: 1,
      conversion: 0.5,
      abandoned: 1,
    });
    expect(group.steps.map((step) => step.step)).not.toContain('stepped_up');
  });

  it('has no conversion for a step nobody reached', () => {
    const none = counts({
      journeys: 0,
      reached: { linked: 0, notified: 0, issued: 0, redeemed: 0, enrolled: 0, migrated: 0 },
      continued: { linked: 0, notified: 0, issued: 0, redeemed: 0, enrolled: 0 },
      stepUpNeeded: 0,
      steppedUp: 0,
    });
    const group = funnelGroup(null, none);
    expect(group.steps.every((step) => step.conversion === null && step.abandoned === 0)).toBe(true);
    expect(group.stepUp.conversion).toBeNull();
  });
});

describe('waveFunnel', () => {
  const wave = { name: 'Wave 1', cutoffAt: '2026-12-20T10:00:00.000Z', accountCount: 10 };

  it('calls abandonment final once the wave is past its cutoff', () => {
    const before = waveFunnel('w', wave, counts(), [], new Date('2026-12-20T09:59:59Z'));
    const after = waveFunnel('w', wave, counts(), [], new Date('2026-12-20T10:00:00Z'));
    expect([before.abandonment, before.wave.pastCutoff]).toEqual(['in_progress', false]);
    expect([after.abandonment, after.wave.pastCutoff]).toEqual(['final', true]);
  });

  it('keeps abandonment in progress for a wave whose cutoff audit has not seen', () => {
    const funnel = waveFunnel(
      'w',
      { name: null, cutoffAt: null, accountCount: null },
      counts(),
      [],
      new Date(),
    );
    expect(funnel.abandonment).toBe('in_progress');
  });

  it('lists segments in a stable order', () => {
    const funnel = waveFunnel(
      'w',
      wave,
      counts(),
      [
        { segment: 'standard', counts: counts() },
        { segment: 'privileged', counts: counts() },
      ],
      new Date(),
    );
    expect(funnel.bySegment.map((group) => group.segment)).toEqual(['privileged', 'standard']);
  });
});
