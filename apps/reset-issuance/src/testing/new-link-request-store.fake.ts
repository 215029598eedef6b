import type { NewLinkRequestStore } from '../redemption/new-link-request-store.port';
import { currentWorkCause, type WorkCause } from '../shared/work-cause';

/** A "send me a new link" request as reissue_request keeps it until the scheduler resolves it. */
export interface FakeNewLinkRequest {
  contactHash: Buffer;
  requestedAt: Date;
  /** The trace context of the request that asked, so the re-issue step can link back to it. */
  traceContext: WorkCause | null;
}

/**
 * New-link requests kept in memory, honouring the PostgreSQL adapter's contract
 * (new-link-request-store.contract.ts): every request recorded as it came, repeated or not, known
 * address or not (nothing is looked up), with the trace context of the work in hand.
 */
export class FakeNewLinkRequestStore implements NewLinkRequestStore {
  private readonly stored: FakeNewLinkRequest[] = [];

  async add(contactHash: Buffer, requestedAt: Date): Promise<void> {
    this.stored.push({
      contactHash: Buffer.from(contactHash),
      requestedAt: new Date(requestedAt),
      traceContext: currentWorkCause(),
    });
  }

  /** Every request recorded, in order. */
  get requests(): FakeNewLinkRequest[] {
    return this.stored.map((request) => ({ ...request, contactHash: Buffer.from(request.contactHash) }));
  }

  /** The requests recorded for one address hash, in order. */
  requestsFor(contactHash: Buffer): FakeNewLinkRequest[] {
    return this.requests.filter((request) => request.contactHash.equals(contactHash));
  }
}
