import type { MinimumAssurance, WaveEnrolmentPolicy } from '../domain/enrolment-policy';

/**
 * `wave.enrolment_policy` as PostgreSQL returns it (jsonb: the bridge end as an ISO string), or
 * null for a wave planned without one. Redemption and step-up read it in their own lookups, so the
 * hand-off costs no extra round trip.
 */
export interface EnrolmentPolicyColumn {
  minimumAssurance?: Partial<Record<string, MinimumAssurance>>;
  passwordBridgeEndsAt?: string;
}

export function enrolmentPolicyColumn(policy: WaveEnrolmentPolicy | undefined): string | null {
  return policy ? JSON.stringify(policy) : null;
}

export function enrolmentPolicyOf(column: EnrolmentPolicyColumn | null): WaveEnrolmentPolicy | undefined {
  if (!column) return undefined;
  return {
    ...(column.minimumAssurance ? { minimumAssurance: column.minimumAssurance } : {}),
    ...(column.passwordBridgeEndsAt ? { passwordBridgeEndsAt: new Date(column.passwordBridgeEndsAt) } : {}),
  };
}
