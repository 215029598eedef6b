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

export class HoldOnUnknownAccount extends RekeyError {
  constructor(legacyAccountId: string) {
    super('hold.unknown-account', `no directory holds account ${legacyAccountId}`, {
      detail:
        'No linked directory holds this account id. Check it, or send "deliberate": true to hold it anyway.',
    });
  }
}
