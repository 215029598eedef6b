/**
 * While the first revocations run, the legacy system fails a share of its calls, so that the demo
 * shows session-revocation retrying them; then it is healthy again. Bounded both ways: it ends
 * after a number of legacy calls or a time, whichever comes first.
 */
import { sleep } from '../operator-api/operator-call';
import type { LegacyCiamClient } from './legacy-ciam-client';

export interface FaultScheduleOptions {
  failRatio?: number;
  /** Legacy calls (since the schedule started) after which the faults stop. */
  untilCalls?: number;
  maxMs?: number;
}

export interface RunningFaults {
  /** Ends the faults now if they have not ended yet; says what they were. */
  stop(): Promise<string>;
}

export async function failFirstRevocations(
  legacy: LegacyCiamClient,
  { failRatio = 0.2, untilCalls = 300, maxMs = 60_000 }: FaultScheduleOptions = {},
): Promise<RunningFaults> {
  const startCalls = (await legacy.totals()).calls;
  await legacy.setFaults({ mode: 'fail', failRatio });
  const started = Date.now();
  const startFailed = (await legacy.totals()).faulted.fail;
  let ended: Promise<{ calls: number; failed: number }> | undefined;
  const end = () =>
    (ended ??= (async () => {
      await legacy.setFaults({ mode: 'none' });
      const stats = await legacy.totals();
      return { calls: stats.calls - startCalls, failed: stats.faulted.fail - startFailed };
    })());
  void (async () => {
    while (!ended && Date.now() - started < maxMs) {
      const { calls } = await legacy.totals().catch(() => ({ calls: startCalls }));
      if (calls - startCalls >= untilCalls) break;
      await sleep(250);
    }
    await end().catch(() => undefined);
  })();
  return {
    async stop() {
      const { calls, failed } = await end();
      if (calls === 0)
        return `No legacy call was made while the legacy system was failing 1 in ${Math.round(1 / failRatio)} calls.`;
      return (
        `The legacy system answered 503 to ${failed} of the first ${calls} legacy calls ` +
        `(1 in ${Math.round(1 / failRatio)} while failing); session-revocation retried them.`
      );
    },
  };
}
