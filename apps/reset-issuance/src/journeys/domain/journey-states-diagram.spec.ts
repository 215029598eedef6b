import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JourneyEventTypes } from './journey-event';
import { startJourney } from './journey';
import { JourneyTransitions } from './journey-transitions';

interface Edge {
  from: string;
  to: string;
  label: string;
}

/** The `A --> B: label` lines of a Mermaid state diagram; comments and other lines are skipped. */
function edgesOf(diagram: string): Edge[] {
  return diagram.split('\n').flatMap((line) => {
    const match = /^\s*(\[\*\]|\w+)\s*-->\s*(\[\*\]|\w+)\s*(?::\s*(\w+))?\s*$/.exec(line);
    return match ? [{ from: match[1]!, to: match[2]!, label: match[3] ?? '' }] : [];
  });
}

const diagram = readFileSync(path.join(__dirname, 'journey-states.mermaid'), 'utf8');
const edges = edgesOf(diagram);
const key = (edge: Edge) => `${edge.from} --> ${edge.to}: ${edge.label}`;

describe('journey-states.mermaid', () => {
  it('draws exactly the transition table, one edge per status an event may find', () => {
    const drawn = edges.filter((edge) => edge.from !== '[*]' && edge.to !== '[*]').map(key);
    const table = JourneyEventTypes.flatMap((event) =>
      JourneyTransitions[event].from.map((from) =>
        key({ from, to: JourneyTransitions[event].to, label: event }),
      ),
    );

    expect([...drawn].sort()).toEqual([...table].sort());
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  it('starts where startJourney starts a journey', () => {
    const starts = edges.filter((edge) => edge.from === '[*]').map((edge) => edge.to);
    const started = startJourney({ id: 'j', waveId: 'w', legacyAccountId: 'a' }, new Date());

    expect(starts).toEqual([started.status]);
  });

  it('ends in the statuses no event leaves', () => {
    const ends = edges.filter((edge) => edge.to === '[*]').map((edge) => edge.from);
    const left = new Set(JourneyEventTypes.flatMap((event) => JourneyTransitions[event].from));

    expect(ends.length).toBeGreaterThan(0);
    for (const end of ends) expect(left.has(end as never)).toBe(false);
  });
});
