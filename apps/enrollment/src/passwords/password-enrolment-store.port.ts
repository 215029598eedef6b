import type { RekeyEvent } from '@rekey/contracts';
import type { Enrolment } from '../enrolments/domain/enrolment';
import type { PasswordRoute } from './domain/password-route';

export const PASSWORD_ENROLMENT_STORE = Symbol('PasswordEnrolmentStore');

export interface PasswordCredential {
  /** The argon2id PHC string: never the password. */
  passwordHash: string;
  /** After this the password alone no longer signs in (the wave's policy). */
  bridgeEndsAt: Date;
  at: Date;
}

export type PasswordFinish =
  | { kind: 'finished' }
  /** Finished already (a form sent twice): nothing changed, no event written twice. */
  | { kind: 'already_finished' }
  /** The route counted on an app confirmed in this enrolment, and it no longer is: nothing changed. */
  | { kind: 'totp_not_confirmed' };

/** The password that finishes an enrolment. */
export interface PasswordEnrolmentStore {
  /**
   * Stores the account's password (replacing any earlier one), finishes the enrolment with the
   * route's methods and level, and writes `events`, in one transaction: all or nothing.
   */
  finish(
    enrolment: Enrolment,
    credential: PasswordCredential,
    route: PasswordRoute,
    events: RekeyEvent[],
  ): Promise<PasswordFinish>;
}
