import type { InventorySession } from '../revocations/domain/revocation';
import type { RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import type { LegacyHold } from './domain/legacy-hold';

export const HOLD_STORE = Symbol('SessionHoldStore');

export interface HoldPlacement {
  holdId: string;
  legacyAccountId: string;
  source: 'reset' | 'fraud';
}

/** What the worker does with a claimed hold once its legacy call succeeded (or was not needed). */
export type HoldChange =
  | { suspension: 'suspended'; count: number }
  /** The sessions listed before the revoke go into the inventory as revoked by the hold. */
  | { suspension: 'revoked_instead'; count: number; revokedAt: Date; sessions: readonly InventorySession[] }
  | { suspension: 'none' }
  | { resumption: 'resumed'; count: number }
  | { resumption: 'not_needed' };

/** Holds as session revocation enforces them; consumer writes join the inbox transaction. */
export interface HoldStore {
  /** A placement after its release (another partition, later) changes nothing. */
  place(manager: EntityManager, hold: HoldPlacement, placedAt: Date): Promise<void>;
  release(manager: EntityManager, hold: HoldPlacement, releasedAt: Date): Promise<void>;
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<LegacyHold[]>;
  /** Whether another hold of the account still wants its sessions suspended. */
  otherHoldActive(hold: LegacyHold): Promise<boolean>;
  /** Whether enrolment's revocation has revoked the account's sessions since: nothing is restored then. */
  revokedByEnrolment(legacyAccountId: string): Promise<boolean>;
  /** Applies the change, ends the lease and writes the events, in one transaction. */
  save(hold: LegacyHold, change: HoldChange, events: readonly RekeyEvent[]): Promise<void>;
  /** After a failed call: retry at `nextAttemptAt`. */
  retryLater(hold: LegacyHold, nextAttemptAt: Date, errorCode: string, error: string): Promise<void>;
  /** Ends the leases of claimed holds left untouched (the circuit was open). */
  releaseLeases(holdIds: readonly string[]): Promise<void>;
}
