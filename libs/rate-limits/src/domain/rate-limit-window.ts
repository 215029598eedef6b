/**
 * Fixed windows: every replica computes the same window from the time, so one counter row per key
 * and window is shared by all of them. A window is [start, start + length).
 */
export function windowStartOf(now: Date, windowSeconds: number): Date {
  const length = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / length) * length);
}

/** Seconds until the window ends, rounded up and never 0, for `Retry-After`. */
export function retryAfterSeconds(now: Date, windowStart: Date, windowSeconds: number): number {
  const endsAt = windowStart.getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
}

/** Windows that ended before this instant can go: none of them is ever counted again. */
export function sweepBefore(now: Date, windowSeconds: number): Date {
  return new Date(windowStartOf(now, windowSeconds).getTime() - windowSeconds * 1000);
}
