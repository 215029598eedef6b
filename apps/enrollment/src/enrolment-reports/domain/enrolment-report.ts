import type { AssuranceLevel } from '@rekey/contracts';
import { RekeyError } from '@rekey/problem-details';
import type { EnrolledMethod, EnrolmentStatus } from '../../enrolments/domain/enrolment';

/** What an operator may see of one account's enrolment: kinds and facts, never credentials. */
export interface AccountEnrolmentReport {
  legacyAccountId: string;
  targetAccountId: string;
  waveId: string;
  journeyId: string;
  status: EnrolmentStatus;
  minimumAssurance: AssuranceLevel;
  methods: EnrolledMethod[];
  assuranceLevel?: AssuranceLevel;
  phishingResistant: boolean;
  startedAt: Date;
  enrolledAt?: Date;
  passkeys: Array<{
    createdAt: Date;
    provenAt?: Date;
    lastUsedAt?: Date;
    backupEligible: boolean;
    backedUp: boolean;
    aaguid: string;
    transports: string[];
  }>;
}

/** A wave's enrolments: how many started, how many finished, by methods and level. */
export interface WaveEnrolmentTally {
  waveId: string;
  started: number;
  enrolled: number;
  byMethodsAndLevel: Array<{ methods: EnrolledMethod[]; assuranceLevel: AssuranceLevel; accounts: number }>;
}

export class EnrolmentNotFound extends RekeyError {
  constructor(legacyAccountId: string) {
    super('enrolment.not-found', `no enrolment for account ${legacyAccountId}`, {
      detail: 'This account has not started an enrolment.',
    });
  }
}

export const enrolmentReportProblemTypes = {
  'enrolment.not-found': { status: 404, title: 'No enrolment' },
};
