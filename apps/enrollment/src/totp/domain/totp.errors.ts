import { RekeyError } from '@rekey/problem-details';
import type { TotpRefusal } from './totp-verification';

const details: Record<TotpRefusal, string> = {
  'totp.code-malformed': 'Enter the 6 digits your authenticator app shows.',
  'totp.code-incorrect':
    'That code is not right. Check that your phone shows the right time, then try the code it shows now.',
  'totp.code-reused': 'That code was already used. Wait for your app to show a new one, then enter it.',
};

/** A refused TOTP code; its message and detail never contain the code or the secret. */
export class TotpCodeRefused extends RekeyError {
  constructor(readonly refusal: TotpRefusal) {
    super(refusal, `TOTP code refused: ${refusal}`, { detail: details[refusal] });
  }
}

/** Why a sealed secret did not open; never the secret, the key or the sealed bytes. */
export type SealedSecretProblem = 'malformed' | 'unknown-version' | 'unknown-key' | 'not-authentic';

export class SealedTotpSecretUnreadable extends RekeyError {
  constructor(readonly problem: SealedSecretProblem) {
    super('totp.sealed-secret-unreadable', `sealed TOTP secret does not open: ${problem}`);
  }
}
