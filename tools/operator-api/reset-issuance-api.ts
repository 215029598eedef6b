import { operatorCall } from './operator-call';

export interface WaveView {
  id: string;
  name: string;
  status: string;
  noticeAt: string;
  startsAt: string;
  cutoffAt: string;
  pacePerSecond: number;
  accountCount?: number;
  progress?: {
    byStatus: Record<string, number>;
    bySegment: Record<string, Record<string, number>>;
    noticesSent: number;
    linksDelivered: number;
  };
}

export interface LaunchedWave extends WaveView {
  snapshot: { accountCount: number; skippedInOpenJourney: number; notEligible: number };
}

export interface WavePlan {
  name: string;
  cohort: { segments?: string[]; bands?: string[]; legacyAccountIds?: string[] };
  noticeAt: string;
  startsAt: string;
  cutoffAt: string;
  pacePerSecond: number;
  linkLifetimeMinutes?: number;
}

export function eligibilitySummary(
  url: string,
  token: string,
): Promise<{ eligibleAccounts: number; bySegment: Record<string, number> }> {
  return operatorCall('GET', `${url}/operator/eligible-accounts/summary`, token);
}

export function createWave(url: string, token: string, plan: WavePlan): Promise<WaveView> {
  return operatorCall('POST', `${url}/operator/waves`, token, plan);
}

export function launchWave(url: string, token: string, waveId: string): Promise<LaunchedWave> {
  return operatorCall('POST', `${url}/operator/waves/${waveId}/launch`, token);
}

export function wave(url: string, token: string, waveId: string): Promise<WaveView> {
  return operatorCall('GET', `${url}/operator/waves/${waveId}`, token);
}
