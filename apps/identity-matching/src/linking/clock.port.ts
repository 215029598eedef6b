import { uuidV7 } from '@rekey/contracts';

/** Time and identifiers are ports, so use cases are deterministic under test. */
export const CLOCK = Symbol('Clock');

export interface Clock {
  now(): Date;
  /** Time-ordered (UUID v7), so that queues page oldest first by id. */
  newId(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  newId: () => uuidV7(),
};
