import type { FunnelGroupView, FunnelView } from '../operator-api/audit-funnel-api';
import { table } from '../operator-api/tables';

const percent = (value: number | null) => (value === null ? '-' : `${(100 * value).toFixed(1)}%`);

function duration(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** One group's steps; step-up sits after redeemed with its own denominator, marked optional. */
function groupTable(group: FunnelGroupView, abandonedHeader: string): string {
  const rows: Array<Array<string | number>> = [];
  for (const step of group.steps) {
    rows.push([
      step.label,
      step.reached,
      percent(step.conversion),
      step.next === null ? '-' : step.abandoned,
    ]);
    if (step.step === 'redeemed') {
      const { stepUp } = group;
      rows.push([
        `  ${stepUp.label} (optional, of ${stepUp.needed} needing it)`,
        stepUp.passed,
        percent(stepUp.conversion),
        stepUp.abandoned,
      ]);
    }
  }
  const timing = group.issueToMigrated;
  return [
    table(['step', 'journeys', 'to next', abandonedHeader], rows),
    `issue → migrated: p50 ${duration(timing.p50Seconds)}, p90 ${duration(timing.p90Seconds)} (${timing.journeys} journeys)`,
  ].join('\n');
}

/** The funnel as plain text: the whole wave, then each segment. */
export function funnelText(funnel: FunnelView): string {
  const { wave } = funnel;
  const abandonedHeader = funnel.abandonment === 'final' ? 'abandoned' : 'stopped so far';
  const status = wave.pastCutoff
    ? 'past its cutoff: who stopped has abandoned'
    : `before its cutoff${wave.cutoffAt ? ` (${wave.cutoffAt})` : ''}: who stopped may still go on`;
  const lines = [
    `funnel of wave ${wave.name ?? '(name not recorded)'} ${funnel.waveId}` +
      (wave.accountCount === null ? '' : `, ${wave.accountCount} accounts launched`),
    `the wave is ${status}`,
    '',
    `all segments (${funnel.overall.journeys} journeys)`,
    groupTable(funnel.overall, abandonedHeader),
  ];
  for (const group of funnel.bySegment) {
    lines.push(
      '',
      `segment ${group.segment ?? '-'} (${group.journeys} journeys)`,
      groupTable(group, abandonedHeader),
    );
  }
  return lines.join('\n');
}
