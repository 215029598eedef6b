import type { TopLevelSpec } from 'vega-lite';
import type { FunnelGroupView, FunnelView } from '../operator-api/audit-funnel-api';

interface Bar {
  order: number;
  label: string;
  segment: string;
  reached: number;
  kind: 'step' | 'optional step';
  note: string;
}

const percent = (value: number | null) => (value === null ? '' : `· ${(100 * value).toFixed(0)}% to next`);

/** One bar per step, step-up after redeemed as an optional step, in journey order. */
function bars(group: FunnelGroupView): Bar[] {
  const segment = group.segment ?? 'all';
  const result: Bar[] = [];
  for (const step of group.steps) {
    result.push({
      order: result.length,
      label: step.label,
      segment,
      reached: step.reached,
      kind: 'step',
      note: `${step.reached} ${percent(step.conversion)}`.trim(),
    });
    if (step.step === 'redeemed') {
      const { stepUp } = group;
      result.push({
        order: result.length,
        label: `${stepUp.label} (optional)`,
        segment,
        reached: stepUp.passed,
        kind: 'optional step',
        note: `${stepUp.passed} of ${stepUp.needed} needing it`,
      });
    }
  }
  return result;
}

// An explicit order: a layered chart cannot union domains sorted by a field.
const stepAxis = (labels: string[]) =>
  ({ field: 'label', type: 'nominal', sort: labels, title: null, axis: { labelLimit: 320 } }) as const;

/**
 * The funnel as a Vega-Lite chart: the whole wave with counts and conversion, then the steps by
 * segment. Vega renders it to SVG; nothing here writes SVG by hand.
 */
export function funnelChartSpec(funnel: FunnelView): TopLevelSpec {
  const name = funnel.wave.name ?? funnel.waveId;
  const overall = bars(funnel.overall);
  const labels = overall.map((bar) => bar.label);
  const segments = funnel.bySegment.flatMap(bars);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Migration funnel: ${name}`, subtitle: `wave ${funnel.waveId}` },
    background: 'white',
    vconcat: [
      {
        title: `All segments (${funnel.overall.journeys} journeys)`,
        data: { values: overall },
        width: 520,
        encoding: { y: stepAxis(labels) },
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              x: { field: 'reached', type: 'quantitative', title: 'journeys' },
              color: {
                field: 'kind',
                type: 'nominal',
                title: null,
                scale: { domain: ['step', 'optional step'], range: ['#2f6db3', '#9ab8de'] },
                legend: { orient: 'bottom' },
              },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4 },
            encoding: {
              x: { field: 'reached', type: 'quantitative' },
              text: { field: 'note', type: 'nominal' },
            },
          },
        ],
      },
      {
        title: 'By segment',
        data: { values: segments },
        width: 520,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: stepAxis(labels),
          yOffset: { field: 'segment', type: 'nominal' },
          x: { field: 'reached', type: 'quantitative', title: 'journeys' },
          color: { field: 'segment', type: 'nominal', title: 'segment' },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}
