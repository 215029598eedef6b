import type { AccountEnrolmentReport, WaveEnrolmentTally } from './domain/enrolment-report';

export const ENROLMENT_REPORTS = Symbol('EnrolmentReports');

/** Read-only views of enrolments for operators. */
export interface EnrolmentReports {
  /** The account's latest enrolment (its most recent journey), with its passkeys. */
  ofAccount(legacyAccountId: string): Promise<AccountEnrolmentReport | undefined>;
  ofWave(waveId: string): Promise<WaveEnrolmentTally>;
}
