import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrantSubject, GrantEnrolmentPolicy } from '@rekey/enrollment-grant';
import type { Enrolment } from '../enrolments/domain/enrolment';
import type { EnrolmentSession } from './domain/enrolment-session';

export const ENROLMENT_SESSION_STORE = Symbol('EnrolmentSessionStore');

export interface OpenedSession {
  enrolment: Enrolment;
  /** True when this grant started the journey's enrolment (its `started` event was written). */
  started: boolean;
}

export interface SessionWithEnrolment {
  session: EnrolmentSession;
  enrolment: Enrolment;
}

/** Customer sessions and the enrolment each one carries. */
export interface EnrolmentSessionStore {
  /**
   * Opens a session on the journey's enrolment, creating the enrolment on its first grant; the
   * enrolment, the session and (when it started) `startedEvents` commit together.
   */
  open(
    subject: EnrollmentGrantSubject,
    policy: GrantEnrolmentPolicy,
    session: EnrolmentSession,
    startedEvents: (enrolment: Enrolment) => RekeyEvent[],
  ): Promise<OpenedSession>;
  /** The live session with this hash, with its enrolment; none once it has expired. */
  find(sessionHash: Buffer, now: Date): Promise<SessionWithEnrolment | undefined>;
  /** Forgets expired sessions (and their challenges); returns how many went. */
  deleteExpired(now: Date): Promise<number>;
}
