/**
 * A wave's pace as a token bucket kept across scheduler ticks (and replicas): it fills at
 * `pacePerSecond` up to one second's worth, and each link issued spends one unit. Fractional
 * paces work: at 0.5/s a link goes out every other second.
 */
export interface PaceBucket {
  allowance: number;
  refilledAt: Date;
}

/** Bursts are capped at this many seconds of pace, so a stalled scheduler does not flood on return. */
const BURST_SECONDS = 1;

/** A wave starts with a full bucket: its first second of links goes out as soon as it starts. */
export function startingBucket(pacePerSecond: number, startsAt: Date): PaceBucket {
  return { allowance: capacity(pacePerSecond), refilledAt: startsAt };
}

function capacity(pacePerSecond: number): number {
  return Math.max(1, pacePerSecond * BURST_SECONDS);
}

export function refill(bucket: PaceBucket, pacePerSecond: number, now: Date): PaceBucket {
  if (now <= bucket.refilledAt) return bucket;
  const elapsedSeconds = (now.getTime() - bucket.refilledAt.getTime()) / 1000;
  return {
    allowance: Math.min(capacity(pacePerSecond), bucket.allowance + elapsedSeconds * pacePerSecond),
    refilledAt: now,
  };
}

/** Whole links the bucket allows now. */
export function available(bucket: PaceBucket): number {
  return Math.max(0, Math.floor(bucket.allowance));
}

export function spend(bucket: PaceBucket, links: number): PaceBucket {
  if (links > available(bucket)) throw new Error(`cannot spend ${links} links from ${available(bucket)}`);
  return { ...bucket, allowance: bucket.allowance - links };
}
