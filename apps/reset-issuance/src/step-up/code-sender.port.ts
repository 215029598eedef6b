import type { VerifiedContact } from '@rekey/contracts';

export const CODE_SENDER = Symbol('CodeSender');

/** Delivers a step-up code to a verified contact (a mail or SMS gateway, or files in development). */
export interface CodeSender {
  send(message: { to: VerifiedContact; code: string; expiresAt: Date; challengeId: string }): Promise<void>;
}
