import type { FunnelGroupView, FunnelView } from '../operator-api/audit-funnel-api';

function group(segment: string | null, reached: number[], stepUp: [number, number]): FunnelGroupView {
  const names = ['linked', 'notified', 'issued', 'redeemed', 'enrolled', 'migrated'];
  const labels = ['linked', 'notified', 'link issued', 'redeemed', 'enrolled', 'legacy revoked (migrated)'];
  return {
    segment,
    journeys: reached[0] ?? 0,
    steps: names.map((step, index) => {
      const next = names[index + 1] ?? null;
      const here = reached[index] ?? 0;
      const there = next === null ? here : (reached[index + 1] ?? 0);
      return {
        step,
        label: labels[index] ?? step,
        reached: here,
        next,
        conversion: next === null || here === 0 ? null : there / here,
        abandoned: here - there,
      };
    }),
    stepUp: {
      label: 'stepped up',
      needed: stepUp[0],
      passed: stepUp[1],
      conversion: stepUp[0] === 0 ? null : stepUp[1] / stepUp[0],
      abandoned: stepUp[0] - stepUp[1],
    },
    issueToMigrated: { journeys: reached[5] ?? 0, p50Seconds: 95.5, p90Seconds: 410 },
  };
}

/** A funnel as audit answers it, for the rendering specs. */
export function sampleFunnel(): FunnelView {
  return {
    waveId: '01936f4e-7a00-7c3e-9d2a-5b1c0e8f4a21',
    wave: {
      name: 'Standard accounts, first wave',
      cutoffAt: '2026-12-20T10:00:00.000Z',
      accountCount: 120,
      pastCutoff: false,
    },
    abandonment: 'in_progress',
    overall: group(null, [120, 118, 115, 90, 70, 66], [12, 9]),
    bySegment: [
      group('privileged', [20, 20, 19, 15, 10, 9], [12, 9]),
      group('standard', [100, 98, 96, 75, 60, 57], [0, 0]),
    ],
  };
}
