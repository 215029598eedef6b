import { RekeyError } from '@rekey/problem-details';

/** Nothing to release: the account is unknown or its failures are under the lockout threshold. */
export class SignInNotLocked extends RekeyError {
  constructor() {
    super('sign-in-lock.not-locked', 'sign-in not locked', {
      detail: "This account's sign-in is not locked.",
    });
  }
}

export const signInLockProblemTypes = {
  'sign-in-lock.not-locked': { status: 404, title: 'Sign-in not locked' },
};
