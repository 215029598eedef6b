/** Time and identifiers are ports, so the import use case is deterministic under test. */
export const CLOCK = Symbol('Clock');

export interface Clock {
  now(): Date;
  newId(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};
