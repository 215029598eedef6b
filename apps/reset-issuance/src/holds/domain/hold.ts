import type { EventActor } from '@rekey/contracts';
import { HoldAlreadyActive, HoldNotFound } from './hold.errors';

/** A pause on one account's reset: while active, no link is issued or redeemed for it. */
export interface Hold {
  id: string;
  legacyAccountId: string;
  reason: string;
  placedBy: EventActor;
  placedAt: Date;
  releasedBy?: EventActor;
  releasedAt?: Date;
  releaseNote?: string;
}

export function isActive(hold: Hold): boolean {
  return hold.releasedAt === undefined;
}

export function placeHold(
  current: Hold | undefined,
  request: { id: string; legacyAccountId: string; reason: string; placedBy: EventActor },
  now: Date,
): Hold {
  if (current && isActive(current)) throw new HoldAlreadyActive(request.legacyAccountId);
  return { ...request, placedAt: now };
}

export function releaseHold(
  current: Hold | undefined,
  legacyAccountId: string,
  release: { releasedBy: EventActor; note?: string },
  now: Date,
): Hold {
  if (!current || !isActive(current)) throw new HoldNotFound(legacyAccountId);
  return {
    ...current,
    releasedBy: release.releasedBy,
    releasedAt: now,
    ...(release.note === undefined ? {} : { releaseNote: release.note }),
  };
}
