import type { RekeyEvent } from '@rekey/contracts';

export interface EventJourney {
  journeyId?: string;
  waveId?: string;
  legacyAccountId?: string;
}

/**
 * What an event is about, for spans and log lines: the journey from its envelope, and the wave and
 * account only where its data names them. The subject is no guide: events about a wave or an
 * import use that id as their subject.
 */
export function journeyOfEvent(event: Pick<RekeyEvent, 'journeyId' | 'data'>): EventJourney {
  const data = (event.data && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>;
  const journey: EventJourney = {};
  const journeyId = event.journeyId ?? data['journeyId'];
  if (typeof journeyId === 'string') journey.journeyId = journeyId;
  if (typeof data['waveId'] === 'string') journey.waveId = data['waveId'];
  if (typeof data['legacyAccountId'] === 'string') journey.legacyAccountId = data['legacyAccountId'];
  return journey;
}
