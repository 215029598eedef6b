import { RekeyError } from '@rekey/problem-details';
import type { JourneyEventType } from './journey-event';
import type { JourneyStatus } from './journey-status';

export class InvalidJourneyTransition extends RekeyError {
  constructor(
    readonly journeyId: string,
    readonly from: JourneyStatus,
    readonly event: JourneyEventType,
  ) {
    super('journey.invalid-transition', `journey ${journeyId} cannot take ${event} while ${from}`, {
      detail: 'This journey cannot make that change in its current state.',
    });
  }
}

export class JourneyNotFound extends RekeyError {
  constructor(journeyId: string) {
    super('journey.not-found', `no journey ${journeyId}`, { detail: 'There is no such journey.' });
  }
}

/** An event names a journey with another account or wave than the journey's own. */
export class JourneyOfAnotherAccount extends RekeyError {
  constructor(journeyId: string) {
    super('journey.other-account', `journey ${journeyId} belongs to another account or wave`, {
      detail: 'This journey belongs to another account or wave.',
    });
  }
}
