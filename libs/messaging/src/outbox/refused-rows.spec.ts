import { RefusedRows } from './refused-rows';

const row = (id: string, key: string) => ({ id, topic: 'rekey.audit', message_key: key });

describe('refused rows waiting to be tried again', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('holds back a refused row and the later rows of its key until its backoff ends, never other keys', () => {
    const refused = new RefusedRows(100, () => 1);
    refused.retryLater('2');
    const rows = [row('1', 'a'), row('2', 'b'), row('3', 'c'), row('4', 'b')];
    expect(refused.due(rows).map((r) => r.id)).toEqual(['1', '3']);
    expect(refused.waitAtMost(1_000)).toBe(100);
    jest.advanceTimersByTime(100);
    expect(refused.due(rows).map((r) => r.id)).toEqual(['1', '2', '3', '4']);
  });

  it('doubles the ceiling of the backoff at each refusal, up to 10 s', () => {
    const refused = new RefusedRows(500, () => 1);
    const waits = Array.from({ length: 7 }, () => {
      refused.retryLater('9');
      return refused.waitAtMost(60_000);
    });
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('draws each wait below its ceiling, so rows refused together are not retried in step', () => {
    const refused = new RefusedRows(1_000, () => 0.25);
    refused.retryLater('7');
    refused.retryLater('7');
    expect(refused.waitAtMost(60_000)).toBe(500);
  });

  it('forgets a row once it went or was parked', () => {
    const refused = new RefusedRows(100);
    refused.retryLater('5');
    refused.forget('5');
    expect(refused.isEmpty()).toBe(true);
    expect(refused.waitAtMost(1_000)).toBe(1_000);
    expect(refused.due([row('5', 'a')])).toHaveLength(1);
  });
});
