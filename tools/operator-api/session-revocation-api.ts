import { operatorCall } from './operator-call';

/** A revocation as session-revocation's operator API answers it (scope revocations:read). */
export interface RevocationView {
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  state: 'awaiting_link' | 'pending' | 'done' | 'failed';
  attempts: number;
  lastErrorCode?: string;
  stalled?: boolean;
}

/** Every stalled revocation (pending too long, or refused for good) of one wave, page by page. */
export async function stalledRevocationsOf(
  sessionRevocationUrl: string,
  token: string,
  waveId: string,
): Promise<RevocationView[]> {
  const found: RevocationView[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ state: 'stalled', limit: '200', ...(after ? { after } : {}) });
    const page = await operatorCall<{ items: RevocationView[]; next?: string | null }>(
      'GET',
      `${sessionRevocationUrl}/operator/revocations?${query.toString()}`,
      token,
    );
    found.push(...page.items.filter((item) => item.waveId === waveId));
    if (!page.next) return found;
    after = page.next;
  }
}

/** A re-sync run as session-revocation answers it (GET /operator/resync-runs/{runId}). */
export interface ResyncRunView {
  runId: string;
  waveId: string;
  requestedBy: { subject: string; role: string };
  state: 'running' | 'completed';
  counts: {
    accountsChecked: number;
    accountsWithDrift: number;
    sessionsRevoked: number;
    loginsRetired: number;
    failures: number;
  };
  failures: Array<{ legacyAccountId: string; code: string }>;
  startedAt: string;
  completedAt?: string;
}

/** Starts a wave's re-sync with the legacy system (scope revocations:write). */
export function startResync(url: string, token: string, waveId: string): Promise<ResyncRunView> {
  return operatorCall('POST', `${url}/operator/waves/${encodeURIComponent(waveId)}/resync`, token);
}

/** A re-sync run's progress and the drift it found (scope revocations:read). */
export function resyncRun(url: string, token: string, runId: string): Promise<ResyncRunView> {
  return operatorCall('GET', `${url}/operator/resync-runs/${encodeURIComponent(runId)}`, token);
}
