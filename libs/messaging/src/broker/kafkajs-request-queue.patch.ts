/**
 * Works around a kafkajs 2.2.4 defect (tulios/kafkajs#1704, #1751, unfixed upstream): after every
 * response, each connection's request queue schedules its next check for pending requests at
 * `throttledUntil - Date.now()`, where `throttledUntil` is -1 unless the broker throttles. With
 * nothing pending that delay is minus the current time, so Node 24 prints `TimeoutNegativeWarning`,
 * clamps it to 1 ms, and the queue then re-checks itself every millisecond for as long as the
 * connection lives: a busy timer loop per broker connection.
 *
 * The replacement schedules a check only when one can find something to do: requests are pending
 * (then at the end of the throttle, or after kafkajs's 10 ms interval when merely at the in-flight
 * limit). With nothing pending no check is needed: a new request either goes out at once or is
 * queued by `push`, which schedules its own check, and a fulfilled request checks the queue again.
 * Everything else is kafkajs's own code. Applied once, when the adapter module is loaded.
 */
// kafkajs does not export its request queue; this is the module its connections use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;

/** kafkajs's interval while requests wait for an in-flight slot (CHECK_PENDING_REQUESTS_INTERVAL). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: RequestQueueState & {
    scheduleCheckPendingRequests(this: RequestQueueState): void;
    rekeyPatched?: boolean;
  };
}

export function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

export function patchKafkajsRequestQueue(): void {
  const prototype = RequestQueue.prototype;
  if (prototype.rekeyPatched) return;
  prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  prototype.rekeyPatched = true;
}
