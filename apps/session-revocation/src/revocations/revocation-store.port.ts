import type { RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import type { Revocation, RevocationState } from './domain/revocation';
import type { RevocationCause } from './domain/revocation-events';

export const REVOCATION_STORE = Symbol('RevocationStore');

/** What asked for the revocation: the enrolment-completed event and its trace context. */
export interface StoredCause extends RevocationCause {
  traceparent?: string;
  tracestate?: string;
}

export type Completion = Pick<
  Revocation,
  'journeyId' | 'legacyAccountId' | 'targetAccountId' | 'waveId' | 'methods' | 'assuranceLevel' | 'enrolledAt'
>;

export interface VerifiedLink {
  legacyAccountId: string;
  targetAccountId: string;
  linkedAt: Date;
}

export interface ClaimedRevocation {
  revocation: Revocation;
  cause: StoredCause | undefined;
}

/**
 * Durable revocation work. Writes from consumers join their inbox transaction; the worker's
 * claims are leases (FOR UPDATE SKIP LOCKED), so replicas share the work and a crashed
 * replica's rows come back once its lease ends.
 */
export interface RevocationStore {
  /**
   * A completed enrolment: pending when a verified link to the same target account is known,
   * else awaiting_link. A journey already recorded is left as it is.
   */
  recordCompletion(
    manager: EntityManager,
    completion: Completion,
    cause: StoredCause | undefined,
    now: Date,
  ): Promise<RevocationState>;
  /** A verified link; completions awaiting it become pending. Returns how many did. */
  recordLink(manager: EntityManager, link: VerifiedLink, now: Date): Promise<number>;
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedRevocation[]>;
  /**
   * Saves a claimed revocation's progress and ends its lease, with the events it causes in the
   * same transaction; only while it is still pending, so no two replicas finish it twice.
   * Returns false when it was no longer pending.
   */
  save(revocation: Revocation, events: readonly RekeyEvent[]): Promise<boolean>;
  /** Ends the lease of a claimed revocation left untouched (the circuit was open). */
  release(journeyIds: readonly string[]): Promise<void>;
  /**
   * Marks the revocations stalled before `stalledBefore` (pending since then, or failed) as
   * alerted, each with the event `alert` makes, once. Returns how many.
   */
  alertStalled(
    now: Date,
    stalledBefore: Date,
    limit: number,
    alert: (revocation: Revocation, cause: StoredCause | undefined) => RekeyEvent,
  ): Promise<number>;
}
