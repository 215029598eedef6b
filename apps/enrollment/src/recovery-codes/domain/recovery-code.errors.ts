import { RekeyError } from '@rekey/problem-details';

/** What was typed cannot be a recovery code: it is refused before any lookup, and never echoed. */
export class MalformedRecoveryCode extends RekeyError {
  constructor() {
    super('recovery-code.malformed', 'recovery code malformed', {
      detail: 'A recovery code has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS.',
    });
  }
}

/**
 * A well-formed code that does not spend: unknown, already used or from a set since replaced.
 * One answer for all three, so trying codes teaches nothing about the account's set.
 */
export class RecoveryCodeNotAccepted extends RekeyError {
  constructor() {
    super('recovery-code.not-accepted', 'recovery code not accepted', {
      detail: 'That recovery code is not valid or was already used. Each code works once.',
    });
  }
}
