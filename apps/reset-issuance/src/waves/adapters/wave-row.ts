import type { ActorRoles } from '@rekey/contracts';
import type { Cohort } from '../domain/cohort';
import type { Wave, WaveStatus } from '../domain/wave';
import { enrolmentPolicyOf, type EnrolmentPolicyColumn } from './enrolment-policy-column';

type Role = (typeof ActorRoles)[number];

/** A wave as PostgreSQL returns it; actors are stored as `role:subject`. */
export interface WaveRow {
  id: string;
  campaign_id: string;
  name: string;
  status: WaveStatus;
  cohort: Cohort;
  notice_at: Date;
  starts_at: Date;
  cutoff_at: Date;
  pace_per_second: number;
  link_lifetime_minutes: number;
  enrolment_policy: EnrolmentPolicyColumn | null;
  created_by: string;
  created_at: Date;
  launched_by: string | null;
  launch_requested_at: Date | null;
  launched_at: Date | null;
  account_count: number | null;
  skipped_in_open_journey: number | null;
  not_eligible: number | null;
}

export function actorColumn(actor: { subject: string; role: Role }): string {
  return `${actor.role}:${actor.subject}`;
}

function actorOf(column: string): { subject: string; role: Role } {
  const colon = column.indexOf(':');
  return { role: column.slice(0, colon) as Role, subject: column.slice(colon + 1) };
}

export function toWave(row: WaveRow): Wave {
  const enrolmentPolicy = enrolmentPolicyOf(row.enrolment_policy);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    name: row.name,
    status: row.status,
    cohort: row.cohort,
    noticeAt: row.notice_at,
    startsAt: row.starts_at,
    cutoffAt: row.cutoff_at,
    pacePerSecond: Number(row.pace_per_second),
    linkLifetimeMinutes: row.link_lifetime_minutes,
    ...(enrolmentPolicy ? { enrolmentPolicy } : {}),
    createdBy: actorOf(row.created_by),
    createdAt: row.created_at,
    ...(row.launched_by ? { launchedBy: actorOf(row.launched_by) } : {}),
    // Waves launched before launches were asked for and done apart have no request time of their own.
    ...(row.launch_requested_at || row.launched_at
      ? { launchRequestedAt: (row.launch_requested_at ?? row.launched_at) as Date }
      : {}),
    ...(row.launched_at ? { launchedAt: row.launched_at } : {}),
    ...(row.account_count === null
      ? {}
      : {
          snapshot: {
            accountCount: row.account_count,
            skippedInOpenJourney: row.skipped_in_open_journey ?? 0,
            notEligible: row.not_eligible ?? 0,
          },
        }),
  };
}
