/**
 * Waits until the legacy system has revoked the sessions of every account enrolled in this run
 * (the simulator's revokedAccounts), or until nothing has moved for a while: revocations follow
 * enrolments through Kafka and session-revocation's retries, so the end of the customers' runs is
 * not the end of the migration.
 */
import { sleep } from '../operator-api/operator-call';
import { progressBar } from '../operator-api/progress-bar';
import type { LegacyCiamClient } from './legacy-ciam-client';

export interface RevocationWait {
  revokedAccounts: number;
  retiredAccounts: number;
  complete: boolean;
}

export async function waitForRevocations(
  legacy: LegacyCiamClient,
  expected: number,
  { maxMs = 180_000, idleMs = 30_000 } = {},
): Promise<RevocationWait> {
  const progress = progressBar('legacy sessions revoked', expected, (done) => `${done} / ${expected}`);
  const started = Date.now();
  let last = -1;
  let lastMoved = Date.now();
  for (;;) {
    const { revokedAccounts, retiredAccounts } = await legacy.totals();
    progress.update(revokedAccounts);
    if (revokedAccounts !== last) {
      last = revokedAccounts;
      lastMoved = Date.now();
    }
    const complete = revokedAccounts >= expected;
    if (complete || Date.now() - lastMoved > idleMs || Date.now() - started > maxMs) {
      progress.done();
      return { revokedAccounts, retiredAccounts, complete };
    }
    await sleep(500);
  }
}
