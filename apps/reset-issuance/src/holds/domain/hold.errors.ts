import { RekeyError } from '@rekey/problem-details';

export class HoldAlreadyActive extends RekeyError {
  constructor(legacyAccountId: string) {
    super('hold.already-active', `account ${legacyAccountId} already has an active hold`, {
      detail: 'This account already has an active hold; release it before placing another.',
    });
  }
}

export class HoldNotFound extends RekeyError {
  constructor(legacyAccountId: string) {
    super('hold.not-found', `account ${legacyAccountId} has no active hold`, {
      detail: 'This account has no active hold.',
    });
  }
}

export const holdProblemTypes = {
  'hold.already-active': { status: 409, title: 'Hold already active' },
  'hold.not-found': { status: 404, title: 'No active hold' },
};
