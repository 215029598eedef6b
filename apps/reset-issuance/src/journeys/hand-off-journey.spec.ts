import { SettableClock } from '@rekey/background/testing';
import { createEvent, EnrollmentCompletedV1 } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { FakeJourneyStore } from '../testing';
import type { Journey } from './domain/journey';
import type { JourneyStatus } from './domain/journey-status';
import { InvalidJourneyTransition, JourneyNotFound, JourneyOfAnotherAccount } from './domain/journey.errors';
import { HandOffJourney } from './hand-off-journey';

const started = new Date(Date.UTC(2026, 11, 18, 9, 0));
const now = new Date(Date.UTC(2026, 11, 18, 9, 40));
// The fake stores each change at once: the inbox transaction is not read.
const inbox = {} as EntityManager;

function journeyIn(status: JourneyStatus): Journey {
  return {
    id: '0190a3c5-0000-7000-8000-000000000001',
    waveId: '0190a3c5-0000-7000-8000-0000000000aa',
    legacyAccountId: 'legacy-1',
    status,
    createdAt: started,
    updatedAt: started,
  };
}

function completionOf(
  journey: Journey,
  overrides: Partial<{ legacyAccountId: string; waveId: string }> = {},
) {
  const legacyAccountId = overrides.legacyAccountId ?? journey.legacyAccountId;
  return createEvent(
    EnrollmentCompletedV1,
    {
      legacyAccountId,
      targetAccountId: `target-${legacyAccountId}`,
      waveId: overrides.waveId ?? journey.waveId,
      journeyId: journey.id,
      methods: ['passkey'],
      assuranceLevel: 'aal2',
    },
    { source: 'enrollment', subject: legacyAccountId, journeyId: journey.id },
  );
}

describe('handing a journey off to enrollment', () => {
  let journeys: FakeJourneyStore;
  let handOff: HandOffJourney;

  beforeEach(() => {
    journeys = new FakeJourneyStore();
    handOff = new HandOffJourney(journeys, new SettableClock(now));
  });

  it.each<JourneyStatus>(['redeemed', 'stepped_up'])(
    'given a %s journey, when enrollment completes it, then it is handed off, stamped now',
    async (status) => {
      const journey = journeyIn(status);
      journeys.add(journey);

      const handedOff = await handOff.execute(completionOf(journey), inbox);

      expect(handedOff).toEqual({ ...journey, status: 'handed_off', updatedAt: now });
      expect(await journeys.find(journey.id)).toEqual(handedOff);
      expect(journeys.events).toEqual([]);
    },
  );

  it('given a journey already handed off, when enrollment completes it again, then nothing changes', async () => {
    const journey = { ...journeyIn('handed_off'), updatedAt: started };
    journeys.add(journey);

    expect(await handOff.execute(completionOf(journey), inbox)).toEqual(journey);
    expect(await journeys.find(journey.id)).toEqual(journey);
  });

  it.each<JourneyStatus>(['awaiting_issue', 'issued', 'step_up_required', 'expired', 'cancelled'])(
    'given a %s journey, when enrollment claims to complete it, then the transition table refuses',
    async (status) => {
      const journey = journeyIn(status);
      journeys.add(journey);

      await expect(handOff.execute(completionOf(journey), inbox)).rejects.toThrow(InvalidJourneyTransition);
      expect(await journeys.find(journey.id)).toEqual(journey);
    },
  );

  it('refuses a completion naming another account or wave than the journey’s own', async () => {
    const journey = journeyIn('redeemed');
    journeys.add(journey);

    await expect(
      handOff.execute(completionOf(journey, { legacyAccountId: 'legacy-2' }), inbox),
    ).rejects.toThrow(JourneyOfAnotherAccount);
    await expect(
      handOff.execute(completionOf(journey, { waveId: '0190a3c5-0000-7000-8000-0000000000bb' }), inbox),
    ).rejects.toMatchObject({ code: 'journey.other-account' });
    expect(await journeys.find(journey.id)).toEqual(journey);
  });

  it('refuses a completion of a journey it does not have', async () => {
    await expect(handOff.execute(completionOf(journeyIn('redeemed')), inbox)).rejects.toThrow(
      JourneyNotFound,
    );
  });
});
