import { uuidV7 } from '@rekey/contracts';

/** Time and identifiers are a port, so use cases and loops are deterministic under test. */
export const CLOCK = Symbol('Clock');

export interface Clock {
  now(): Date;
  newId(): string;
}

/** The wall clock with random (UUID v4) identifiers: nothing can be read from an id. */
export const systemClock: Clock = {
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};

/** The wall clock with time-ordered (UUID v7) identifiers, for queues that page oldest first by id. */
export const timeOrderedClock: Clock = {
  now: () => new Date(),
  newId: () => uuidV7(),
};
