import { operatorCall } from './operator-call';

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
