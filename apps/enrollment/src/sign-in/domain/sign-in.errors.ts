import { RekeyError } from '@rekey/problem-details';

/**
 * One answer for an unknown account, a wrong password, a wrong code, a locked account and an
 * unknown passkey: nothing in it tells which.
 */
export class SignInRefused extends RekeyError {
  constructor() {
    super('sign-in.refused', 'sign-in refused', {
      detail: 'We could not sign you in with these details. Check them and try again.',
    });
  }
}

/** The right bridging password alone, after its end date. */
export class SignInBridgeEnded extends RekeyError {
  constructor() {
    super('sign-in.bridge-ended', 'bridging password alone after the bridge end', {
      detail:
        'Your temporary password no longer signs you in on its own. Sign in with a passkey or a recovery code, or contact support.',
    });
  }
}

export class SignInRateLimited extends RekeyError {
  constructor(retryAfterSeconds: number) {
    super('sign-in.rate-limited', 'too many sign-in attempts', {
      detail: 'Too many attempts. Wait a moment and try again.',
      retryAfterSeconds,
    });
  }
}

/** The pre-sign-in cookie is missing or expired: the page must be opened again. */
export class NoSignInAttempt extends RekeyError {
  constructor() {
    super('sign-in.no-attempt', 'no live sign-in attempt', {
      detail: 'This sign-in page has expired. Open it again.',
    });
  }
}

export const signInProblemTypes = {
  'sign-in.refused': { status: 401, title: 'Sign-in refused' },
  'sign-in.bridge-ended': { status: 403, title: 'Bridging password ended' },
  'sign-in.rate-limited': { status: 429, title: 'Too many sign-in attempts' },
  'sign-in.no-attempt': { status: 400, title: 'Sign-in attempt expired' },
};
