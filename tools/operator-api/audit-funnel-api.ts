import { operatorCall } from './operator-call';

/** A step of audit's funnel answer (GET /operator/funnel, documented in audit's OpenAPI). */
export interface FunnelStepView {
  step: string;
  label: string;
  reached: number;
  next: string | null;
  conversion: number | null;
  abandoned: number;
}

export interface FunnelGroupView {
  segment: string | null;
  journeys: number;
  steps: FunnelStepView[];
  stepUp: { label: string; needed: number; passed: number; conversion: number | null; abandoned: number };
  issueToMigrated: { journeys: number; p50Seconds: number | null; p90Seconds: number | null };
}

export interface FunnelView {
  waveId: string;
  wave: { name: string | null; cutoffAt: string | null; accountCount: number | null; pastCutoff: boolean };
  abandonment: 'final' | 'in_progress';
  overall: FunnelGroupView;
  bySegment: FunnelGroupView[];
}

export interface KnownWaveView {
  waveId: string;
  name: string | null;
  cutoffAt: string | null;
  accountCount: number | null;
  journeys: number;
}

/** A wave's migration funnel from audit (scope audit:read). */
export function waveFunnel(auditUrl: string, token: string, waveId: string): Promise<FunnelView> {
  return operatorCall('GET', `${auditUrl}/operator/funnel?wave=${encodeURIComponent(waveId)}`, token);
}

/** The waves audit has recorded (scope audit:read). */
export async function knownWaves(auditUrl: string, token: string): Promise<KnownWaveView[]> {
  return (await operatorCall<{ waves: KnownWaveView[] }>('GET', `${auditUrl}/operator/funnel/waves`, token))
    .waves;
}
