import { RekeyError } from '@rekey/problem-details';

const TRY_AGAIN = 'Your device did not confirm the passkey. Try again, or choose another way to sign in.';

/** Why a ceremony was refused, as a class: the response itself is never in the message. */
export type PasskeyRefusal = 'verification' | 'challenge' | 'duplicate' | 'held' | 'malformed' | 'finished';

export class PasskeyRefused extends RekeyError {
  constructor(readonly refusal: PasskeyRefusal) {
    super(`passkey.${refusal}`, `passkey ceremony refused: ${refusal}`, {
      detail:
        refusal === 'challenge'
          ? 'This passkey request has expired. Start again.'
          : refusal === 'duplicate'
            ? 'This passkey is already used for another account. Use another device or another way to sign in.'
            : refusal === 'finished'
              ? 'Your sign-in is already set up.'
              : refusal === 'held'
                ? 'We cannot finish setting up your sign-in right now. Contact support.'
                : TRY_AGAIN,
    });
  }
}

export const passkeyProblemTypes = {
  'passkey.verification': { status: 400, title: 'Passkey not verified' },
  'passkey.challenge': { status: 400, title: 'Passkey challenge expired or used' },
  'passkey.duplicate': { status: 409, title: 'Passkey bound to another account' },
  'passkey.held': { status: 403, title: 'Account on hold' },
  'passkey.malformed': { status: 400, title: 'Malformed WebAuthn response' },
  'passkey.finished': { status: 409, title: 'Enrolment already finished' },
};
