import { setTimeout as sleep } from 'node:timers/promises';
import { waveFunnel, type FunnelView } from '../operator-api/audit-funnel-api';

/**
 * Audit records the migration events a moment after they are published: waits (bounded) until its
 * funnel counts as many migrated journeys as the stream carried, so the funnel printed is the
 * wave's end and not a snapshot taken mid-way.
 */
export async function waitForFunnel(
  auditUrl: string,
  token: string,
  waveId: string,
  migrated: number,
  timeoutMs = 60_000,
): Promise<FunnelView | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const funnel = await waveFunnel(auditUrl, token, waveId).catch(() => undefined);
    const reached = funnel?.overall.steps.find((step) => step.step === 'migrated')?.reached ?? 0;
    if (funnel && reached >= migrated) return funnel;
    if (Date.now() >= deadline) return funnel;
    await sleep(500);
  }
}
