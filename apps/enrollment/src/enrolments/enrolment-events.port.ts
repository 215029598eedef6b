import type { RekeyEvent } from '@rekey/contracts';

export const ENROLMENT_EVENTS = Symbol('EnrolmentEvents');

/** Events that change no state of ours (a refused step): written to the outbox on their own. */
export interface EnrolmentEvents {
  record(events: RekeyEvent[]): Promise<void>;
}
