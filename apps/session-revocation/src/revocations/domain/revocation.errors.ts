import { RekeyError } from '@rekey/problem-details';

export class RevocationNotFound extends RekeyError {
  constructor(legacyAccountId: string) {
    super('revocation.not-found', `no revocation for account ${legacyAccountId}`, {
      detail: 'No completed enrolment of this account has reached session revocation.',
    });
  }
}
