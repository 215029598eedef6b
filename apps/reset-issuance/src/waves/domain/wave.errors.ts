import { RekeyError } from '@rekey/problem-details';

export class WaveScheduleInvalid extends RekeyError {
  constructor(reason: string) {
    super('wave.schedule-invalid', `wave schedule refused: ${reason}`, { detail: reason });
  }
}

export class WaveCohortInvalid extends RekeyError {
  constructor(reason: string) {
    super('wave.cohort-invalid', `wave cohort refused: ${reason}`, { detail: reason });
  }
}

export class WaveNotFound extends RekeyError {
  constructor(waveId: string) {
    super('wave.not-found', `wave ${waveId} does not exist`, { detail: 'No wave has this id.' });
  }
}

export class CampaignNotFound extends RekeyError {
  constructor(campaignId: string) {
    super('wave.campaign-not-found', `campaign ${campaignId} does not exist`, {
      detail: 'No campaign has this id; leave campaignId out to create one.',
    });
  }
}

export class WaveNotPlanned extends RekeyError {
  constructor(waveId: string, status: string) {
    super('wave.not-planned', `wave ${waveId} is ${status}, not planned`, {
      detail: `Only a planned wave can be launched; this one is ${status}.`,
    });
  }
}

export class WaveEnrolmentPolicyInvalid extends RekeyError {
  constructor(field: string, reason: string) {
    super('wave.enrolment-policy-invalid', `wave enrolment policy refused: ${field} ${reason}`, {
      detail: `${field} ${reason}`,
    });
  }
}
