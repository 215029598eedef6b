import type { RekeyEvent } from '@rekey/contracts';
import type { InventorySession } from '../revocations/domain/revocation';
import type { ResyncCounts, ResyncFailure, ResyncRun, ResyncTarget } from './domain/resync';

export const RESYNC_STORE = Symbol('ResyncStore');

/** What checking one account came to, saved with the run's cursor in one transaction. */
export type CheckedAccount =
  | {
      kind: 'checked';
      target: ResyncTarget;
      counts: ResyncCounts;
      /** Sessions revoked again, recorded in the inventory as revoked by the re-sync. */
      revokedSessions: readonly InventorySession[];
      revokedAt?: Date | undefined;
      events: readonly RekeyEvent[];
    }
  /** A transient failure: the cursor stays, the account is tried again. */
  | { kind: 'retry'; target: ResyncTarget; attempts: number }
  | { kind: 'failed'; target: ResyncTarget; counts: ResyncCounts; failure: ResyncFailure };

/**
 * Durable re-sync runs. A run is worked by one replica at a time under a lease; its cursor (the
 * last journey checked) moves in the same transaction as the inventory rows and events of the
 * account checked, so a crash repeats at most one account, whose repairs are then replays.
 */
export interface ResyncStore {
  start(run: ResyncRun): Promise<void>;
  find(runId: string): Promise<ResyncRun | undefined>;
  /** The oldest running run whose lease has ended, leased until `leaseUntil`. */
  claimRunning(now: Date, leaseUntil: Date): Promise<ResyncRun | undefined>;
  /** The wave's done revocations after the run's cursor, by journey id. */
  nextTargets(run: ResyncRun, limit: number): Promise<ResyncTarget[]>;
  /** Saves one account's result; false when the run is no longer running. */
  saveChecked(runId: string, checked: CheckedAccount): Promise<boolean>;
  complete(runId: string, now: Date, event: RekeyEvent): Promise<void>;
  release(runId: string): Promise<void>;
}
