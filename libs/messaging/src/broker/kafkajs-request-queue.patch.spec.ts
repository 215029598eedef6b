import { patchKafkajsRequestQueue, scheduleCheckPendingRequests } from './kafkajs-request-queue.patch';

function queue(pending: number, throttledUntil: number) {
  const state = {
    pending: Array.from({ length: pending }, () => ({})),
    throttledUntil,
    throttleCheckTimeoutId: null as NodeJS.Timeout | null,
    checks: 0,
    checkPendingRequests() {
      state.checks += 1;
    },
  };
  return state;
}

describe("kafkajs's request queue, patched", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('schedules nothing when nothing is pending, so no negative delay and no 1 ms loop', () => {
    const idle = queue(0, -1);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    scheduleCheckPendingRequests.call(idle);
    process.off('warning', onWarning);
    expect(idle.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('checks pending requests when the throttle ends', () => {
    const throttled = queue(1, Date.now() + 300);
    scheduleCheckPendingRequests.call(throttled);
    jest.advanceTimersByTime(299);
    expect(throttled.checks).toBe(0);
    jest.advanceTimersByTime(1);
    expect(throttled.checks).toBe(1);
    expect(throttled.throttleCheckTimeoutId).toBeNull();
  });

  it('checks pending requests after 10 ms when only the in-flight limit holds them', () => {
    const full = queue(2, -1);
    scheduleCheckPendingRequests.call(full);
    scheduleCheckPendingRequests.call(full);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(10);
    expect(full.checks).toBe(1);
  });

  it("replaces kafkajs's own method", () => {
    patchKafkajsRequestQueue();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const RequestQueue = require('kafkajs/src/network/requestQueue') as {
      prototype: { scheduleCheckPendingRequests: unknown };
    };
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(scheduleCheckPendingRequests);
  });
});
