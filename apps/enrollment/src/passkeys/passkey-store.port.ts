import type { RekeyEvent } from '@rekey/contracts';
import type { Enrolment } from '../enrolments/domain/enrolment';
import type { CeremonyPurpose, PasskeyCredential } from './domain/passkey-credential';

export const PASSKEY_STORE = Symbol('PasskeyStore');

export type RegistrationResult =
  | { kind: 'registered' }
  /** The same passkey again for this account (a retry after a lost answer, a restart): kept as it was. */
  | { kind: 'already_registered' }
  | { kind: 'bound_elsewhere'; legacyAccountId: string };

export interface ProvenPasskey {
  credentialId: string;
  newCounter: number;
  usedAt: Date;
}

/** Passkeys, their single-use challenges, and the enrolment changes they make. */
export interface PasskeyStore {
  credentialsOf(legacyAccountId: string): Promise<PasskeyCredential[]>;
  find(credentialId: string): Promise<PasskeyCredential | undefined>;
  /** The account's WebAuthn user handle, so that every passkey of one account shares it. */
  userHandleOf(legacyAccountId: string): Promise<Buffer | undefined>;
  /** Keeps the session's challenge for one purpose, replacing any earlier one. */
  saveChallenge(
    sessionHash: Buffer,
    purpose: CeremonyPurpose,
    challenge: string,
    expiresAt: Date,
  ): Promise<void>;
  /** Removes and returns the session's live challenge: a second call (a replay) finds none. */
  takeChallenge(sessionHash: Buffer, purpose: CeremonyPurpose, now: Date): Promise<string | undefined>;
  /** Stores a new passkey and moves the enrolment to credential_registered, or says why not. */
  register(enrolment: Enrolment, credential: PasskeyCredential): Promise<RegistrationResult>;
  /**
   * Records a verified sign-in with the passkey (its counter, its use) and, on the first one of an
   * unfinished enrolment, finishes it: enrolment, migrated account and `events` commit together.
   * False when the counter moved meanwhile (a concurrent use): nothing changed.
   */
  prove(enrolment: Enrolment, proof: ProvenPasskey, events: RekeyEvent[]): Promise<boolean>;
}
