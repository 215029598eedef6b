import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { FakeNewLinkRequestStore, FakeRateLimitCounter } from '../testing';
import { newLinkRequestHash } from './domain/new-link-request';
import { RequestNewLink } from './request-new-link';

const now = new Date('2026-12-18T09:00:30Z');
const clock = { now: () => now, newId: () => 'id' };
const config = {
  RATE_LIMIT_WINDOW_SECONDS: 60,
  RATE_LIMIT_GLOBAL_SHARDS: 1,
  REQUEST_LINK_LIMIT_PER_IP: 2,
  REQUEST_LINK_LIMIT_PER_SUBNET: 100,
  REQUEST_LINK_LIMIT_GLOBAL: 100,
} as CustomerJourneyConfig;

class RecordingLogger {
  readonly lines: string[] = [];
  info(fields: object, message: string): void {
    this.lines.push(JSON.stringify({ ...fields, message }));
  }
}

function requestNewLinkOver(requests: FakeNewLinkRequestStore, logger = new RecordingLogger()) {
  const limiter = new RateLimiter(new FakeRateLimitCounter(), config, clock);
  return new RequestNewLink(requests, limiter, clock, logger as unknown as Logger);
}

describe('asking for a new link', () => {
  it('records the hash of the address as typed, normalised, for the scheduler to resolve', async () => {
    const requests = new FakeNewLinkRequestStore();

    const outcome = await requestNewLinkOver(requests).execute({
      email: ' Jane@Example.com',
      ipAddress: '203.0.113.7',
    });

    expect(outcome).toEqual({ kind: 'requested' });
    expect(requests.requestsFor(newLinkRequestHash('email', 'jane@example.com'))).toEqual([
      { contactHash: newLinkRequestHash('email', 'jane@example.com'), requestedAt: now, traceContext: null },
    ]);
  });

  it('records nothing when what was entered is no address', async () => {
    const requests = new FakeNewLinkRequestStore();

    const outcome = await requestNewLinkOver(requests).execute({
      email: undefined,
      ipAddress: '203.0.113.7',
    });

    expect(outcome).toEqual({ kind: 'invalid' });
    expect(requests.requests).toEqual([]);
  });

  it('refuses a client past its limit, junk included, with Retry-After, recording nothing more', async () => {
    const requests = new FakeNewLinkRequestStore();
    const requestNewLink = requestNewLinkOver(requests);
    await requestNewLink.execute({ email: undefined, ipAddress: '203.0.113.7' });
    await requestNewLink.execute({ email: 'jane@example.com', ipAddress: '203.0.113.7' });

    const refused = await requestNewLink.execute({ email: 'john@example.com', ipAddress: '203.0.113.7' });
    const elsewhere = await requestNewLink.execute({ email: 'john@example.com', ipAddress: '198.51.100.9' });

    expect(refused).toEqual({ kind: 'rate_limited', retryAfterSeconds: 30 });
    expect(elsewhere).toEqual({ kind: 'requested' });
    expect(requests.requests).toHaveLength(2);
  });

  it('logs one line per request with its outcome class, never the address', async () => {
    const logger = new RecordingLogger();
    const requestNewLink = requestNewLinkOver(new FakeNewLinkRequestStore(), logger);

    await requestNewLink.execute({ email: 'jane@example.com', ipAddress: '203.0.113.7' });
    await requestNewLink.execute({ email: undefined, ipAddress: '203.0.113.7' });

    expect(logger.lines.map((line) => JSON.parse(line) as object)).toEqual([
      { action: 'request_link', outcome: 'requested', message: 'customer request-link' },
      { action: 'request_link', outcome: 'refused', message: 'customer request-link' },
    ]);
    expect(logger.lines.join()).not.toContain('jane');
  });
});
