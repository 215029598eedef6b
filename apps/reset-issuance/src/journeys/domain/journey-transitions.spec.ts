import { startJourney, type Journey } from './journey';
import { JourneyEventTypes, type JourneyEventType } from './journey-event';
import { JourneyStatuses, type JourneyStatus } from './journey-status';
import { allows, JourneyTransitions, transition } from './journey-transitions';
import { InvalidJourneyTransition } from './journey.errors';

const created = new Date(Date.UTC(2026, 11, 18, 9, 0));
const now = new Date(Date.UTC(2026, 11, 18, 9, 30));

function journeyIn(status: JourneyStatus): Journey {
  return {
    ...startJourney({ id: 'journey-1', waveId: 'wave-1', legacyAccountId: 'legacy-1' }, created),
    status,
  };
}

describe('a journey', () => {
  it('starts awaiting its first link when the wave launches', () => {
    expect(startJourney({ id: 'j', waveId: 'w', legacyAccountId: 'a' }, created)).toEqual({
      id: 'j',
      waveId: 'w',
      legacyAccountId: 'a',
      status: 'awaiting_issue',
      createdAt: created,
      updatedAt: created,
    });
  });

  const allowed: Array<[JourneyStatus, JourneyEventType, JourneyStatus]> = [
    ['awaiting_issue', 'link_issued', 'issued'],
    ['issued', 'link_issued', 'issued'],
    ['expired', 'link_issued', 'issued'],
    ['step_up_required', 'link_issued', 'issued'],
    ['issued', 'link_expired', 'expired'],
    ['issued', 'link_redeemed', 'redeemed'],
    ['issued', 'step_up_required', 'step_up_required'],
    ['step_up_required', 'step_up_passed', 'stepped_up'],
    ['redeemed', 'handed_off', 'handed_off'],
    ['stepped_up', 'handed_off', 'handed_off'],
    ['awaiting_issue', 'cancelled', 'cancelled'],
  ];

  it.each(allowed)('given %s, when %s, then it is %s, stamped now', (from, event, to) => {
    const before = journeyIn(from);

    const after = transition(before, { type: event }, now);

    expect(after).toEqual({ ...before, status: to, updatedAt: now });
    expect(before.status).toBe(from);
  });

  it('allows nothing else: the list above is the whole table', () => {
    const everyPair = JourneyStatuses.flatMap((status) =>
      JourneyEventTypes.filter((event) => allows(status, event)).map((event) => [
        status,
        event,
        JourneyTransitions[event].to,
      ]),
    );
    expect(new Set(everyPair.map((pair) => pair.join(' ')))).toEqual(
      new Set(allowed.map((pair) => pair.join(' '))),
    );
  });

  const refused: Array<[JourneyStatus, JourneyEventType]> = [
    ['awaiting_issue', 'link_redeemed'],
    ['expired', 'link_redeemed'],
    ['redeemed', 'link_issued'],
    ['stepped_up', 'link_issued'],
    ['handed_off', 'link_issued'],
    ['cancelled', 'link_issued'],
    ['expired', 'link_expired'],
    ['issued', 'step_up_passed'],
    ['stepped_up', 'step_up_passed'],
    ['redeemed', 'step_up_required'],
    ['step_up_required', 'handed_off'],
    ['issued', 'cancelled'],
  ];

  it.each(refused)('given %s, when %s, then it is refused with journey.invalid-transition', (from, event) => {
    const attempt = () => transition(journeyIn(from), { type: event }, now);

    expect(attempt).toThrow(InvalidJourneyTransition);
    expect(attempt).toThrow(expect.objectContaining({ code: 'journey.invalid-transition', from, event }));
  });
});
