import type { Clock } from '../clock';

/** A clock a test sets and moves by hand; identifiers stay random, as the system clock's are. */
export class SettableClock implements Clock {
  private current: Date;

  constructor(start: Date = new Date()) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  newId(): string {
    return crypto.randomUUID();
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }
}
