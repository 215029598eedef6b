import { randomBytes } from 'node:crypto';
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TraceState, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { NewLinkRequestStore } from '../redemption/new-link-request-store.port';
import type { WorkCause } from '../shared/work-cause';

/** A request as the scheduler will find it. */
export interface StoredNewLinkRequest {
  contactHash: Buffer;
  requestedAt: Date;
  traceContext: WorkCause | null;
  /** Which account it is for: the scheduler finds out later, the store never looks it up. */
  legacyAccountId: string | null;
  /** Whether the scheduler took it up already; a request just added is pending. */
  processed: boolean;
}

/** A new-link request store to test, and what the port cannot do itself: read requests back. */
export interface NewLinkRequestStoreUnderTest {
  store: NewLinkRequestStore;
  /** The requests recorded for one address hash, oldest first. */
  requestsFor(contactHash: Buffer): Promise<StoredNewLinkRequest[]>;
}

const at = (second: number) => new Date(Date.UTC(2026, 11, 18, 9, 0, second));

/** What "send me a new link" stores: the SHA-256 of an address, made up here (no address is looked up). */
const anAddressHash = () => randomBytes(32);

/** Runs `work` inside the request span named by `traceId` and `spanId`, as the HTTP server span would be. */
function inRequestSpan<T>(
  ids: { traceId: string; spanId: string; traceState: string },
  work: () => Promise<T>,
): Promise<T> {
  const spanContext = {
    traceId: ids.traceId,
    spanId: ids.spanId,
    traceFlags: TraceFlags.SAMPLED,
    traceState: new TraceState(ids.traceState),
  };
  return context.with(trace.setSpanContext(context.active(), spanContext), work);
}

/**
 * What every NewLinkRequestStore does: run against the fake in a unit spec and against the
 * PostgreSQL adapter in an integration spec. Each case makes its own address hashes.
 */
export function describeNewLinkRequestStoreContract(
  name: string,
  setUp: () => Promise<NewLinkRequestStoreUnderTest>,
): void {
  describe(`${name} honours the NewLinkRequestStore contract`, () => {
    let subject: NewLinkRequestStoreUnderTest;

    beforeAll(() => {
      // The trace context travels as the service's does: W3C headers, the active context per request.
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });

    afterAll(() => {
      context.disable();
      propagation.disable();
    });

    beforeEach(async () => {
      subject = await setUp();
    });

    it('records a request for any address as pending, with its hash and time, looking nothing up', async () => {
      const nobodysAddress = anAddressHash();

      await subject.store.add(nobodysAddress, at(0));

      expect(await subject.requestsFor(nobodysAddress)).toEqual([
        {
          contactHash: nobodysAddress,
          requestedAt: at(0),
          traceContext: null,
          legacyAccountId: null,
          processed: false,
        },
      ]);
    });

    it('records every request, a repeated address included, in the order they came', async () => {
      const address = anAddressHash();

      await subject.store.add(address, at(0));
      await subject.store.add(address, at(1));
      await subject.store.add(address, at(2));

      // The cooldown per account is the scheduler's: the store keeps each request.
      expect((await subject.requestsFor(address)).map((request) => request.requestedAt)).toEqual([
        at(0),
        at(1),
        at(2),
      ]);
    });

    it('loses no request between concurrent callers', async () => {
      const address = anAddressHash();

      await Promise.all(Array.from({ length: 10 }, () => subject.store.add(address, at(0))));

      expect(await subject.requestsFor(address)).toHaveLength(10);
    });

    it('keeps the trace context of the request that asked, for the re-issue step to link to', async () => {
      const address = anAddressHash();
      const traceId = randomBytes(16).toString('hex');
      const spanId = randomBytes(8).toString('hex');

      await inRequestSpan({ traceId, spanId, traceState: 'rekey=edge' }, () =>
        subject.store.add(address, at(0)),
      );

      expect(await subject.requestsFor(address)).toEqual([
        expect.objectContaining({
          traceContext: { traceparent: `00-${traceId}-${spanId}-01`, tracestate: 'rekey=edge' },
        }),
      ]);
    });
  });
}
