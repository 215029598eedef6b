import { operatorCall } from './operator-call';

export interface WaveView {
  id: string;
  name: string;
  status: string;
  snapshot?: { accountCount: number; skippedInOpenJourney: number; notEligible: number };
  noticeAt: string;
  startsAt: string;
  cutoffAt: string;
  pacePerSecond: number;
  enrolmentPolicy?: WaveEnrolmentPolicy;
  accountCount?: number;
  progress?: {
    byStatus: Record<string, number>;
    bySegment: Record<string, Record<string, number>>;
    noticesSent: number;
    linksDelivered: number;
  };
}

export interface LaunchedWave extends WaveView {
  snapshot: NonNullable<WaveView['snapshot']>;
}

export interface WavePlan {
  name: string;
  cohort: { segments?: string[]; bands?: string[]; legacyAccountIds?: string[] };
  noticeAt: string;
  startsAt: string;
  cutoffAt: string;
  pacePerSecond: number;
  linkLifetimeMinutes?: number;
  enrolmentPolicy?: WaveEnrolmentPolicy;
}

/** What the wave requires of its customers' enrolment; segments left out take AAL1. */
export interface WaveEnrolmentPolicy {
  minimumAssurance?: Record<string, 'aal1' | 'aal2'>;
  passwordBridgeEndsAt?: string;
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

/** Asks for the launch, answered at once, and follows the wave while its cohort is snapshotted. */
export async function launchWave(url: string, token: string, waveId: string): Promise<LaunchedWave> {
  let current = await operatorCall<WaveView>('POST', `${url}/operator/waves/${waveId}/launch`, token);
  // A snapshot takes seconds per hundred thousand accounts; one still going after this is stuck.
  const deadline = Date.now() + 15 * 60_000;
  while (current.status === 'launching') {
    if (Date.now() > deadline) throw new Error(`wave ${waveId} is still launching after 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    current = await wave(url, token, waveId);
  }
  if (current.status !== 'launched' || !current.snapshot) {
    throw new Error(`wave ${waveId} is ${current.status}, not launched`);
  }
  return current as LaunchedWave;
}

export function wave(url: string, token: string, waveId: string): Promise<WaveView> {
  return operatorCall('GET', `${url}/operator/waves/${waveId}`, token);
}
