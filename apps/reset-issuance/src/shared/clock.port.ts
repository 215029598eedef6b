/** Time and identifiers are ports, so use cases are deterministic under test. */
export const CLOCK = Symbol('Clock');

export interface Clock {
  now(): Date;
  newId(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};
