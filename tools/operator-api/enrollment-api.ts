import { operatorCall } from './operator-call';
import { table } from './tables';

export interface WaveEnrolmentTally {
  waveId: string;
  started: number;
  enrolled: number;
  byMethodsAndLevel: Array<{ methods: string[]; assuranceLevel: string; accounts: number }>;
}

/** What enrollment itself recorded for a wave (scope enrolments:read). */
export function waveEnrolments(url: string, token: string, waveId: string): Promise<WaveEnrolmentTally> {
  return operatorCall('GET', `${url}/operator/waves/${waveId}/enrolments`, token);
}

export function waveEnrolmentsText(tally: WaveEnrolmentTally): string {
  const rows = tally.byMethodsAndLevel.map((group) => [
    group.methods.join(' + '),
    group.assuranceLevel.toUpperCase(),
    group.accounts,
  ]);
  return [
    `enrolments started ${tally.started}, finished ${tally.enrolled}`,
    table(['methods', 'assurance level', 'accounts'], rows.length > 0 ? rows : [['none', '-', 0]]),
  ].join('\n');
}
