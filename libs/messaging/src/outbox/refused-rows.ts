import { backoffDelay } from '@rekey/background';

/** What the relay needs of an outbox row to hold its key back. */
export interface KeyedRow {
  id: string;
  topic: string;
  message_key: string;
}

/** Rows of one key keep their order: a topic and a message key, as the broker partitions them. */
export function keyOf(row: KeyedRow): string {
  return `${row.topic}\u0000${row.message_key}`;
}

/**
 * The relay's memory of rows the broker refused and that wait to be tried again, after
 * `backoffDelay` (full jitter under a ceiling of `backoffMs`, doubled at each refusal, at most
 * 10 s), so that replicas and rows refused together do not retry in step. In memory only: the attempts that decide
 * parking are counted on the row itself; a new leader starts trying again at once.
 */
export class RefusedRows {
  private readonly retryAt = new Map<string, number>();
  private readonly refusals = new Map<string, number>();

  constructor(
    private readonly backoffMs: number,
    private readonly random?: () => number,
  ) {}

  isEmpty(): boolean {
    return this.refusals.size === 0;
  }

  wasRefused(id: string): boolean {
    return this.refusals.has(id);
  }

  retryLater(id: string): void {
    const refusals = (this.refusals.get(id) ?? 0) + 1;
    this.refusals.set(id, refusals);
    const delay = backoffDelay({ initialDelayMs: this.backoffMs, maxDelayMs: 10_000 }, refusals, this.random);
    this.retryAt.set(id, Date.now() + delay);
  }

  forget(id: string): void {
    this.retryAt.delete(id);
    this.refusals.delete(id);
  }

  clear(): void {
    this.retryAt.clear();
    this.refusals.clear();
  }

  /** The rows that may go now: none of a key behind a refused row still waiting to be retried. */
  due<T extends KeyedRow>(rows: T[]): T[] {
    if (this.retryAt.size === 0) return rows;
    const now = Date.now();
    const heldKeys = new Set<string>();
    return rows.filter((row) => {
      const key = keyOf(row);
      if (heldKeys.has(key)) return false;
      const retryAt = this.retryAt.get(row.id);
      if (retryAt !== undefined && retryAt > now) {
        heldKeys.add(key);
        return false;
      }
      return true;
    });
  }

  /** How long until the next refused row may be tried again, at most `ms`. */
  waitAtMost(ms: number): number {
    if (this.retryAt.size === 0) return ms;
    const next = Math.min(...this.retryAt.values());
    return Math.max(1, Math.min(ms, next - Date.now()));
  }
}
