import type { RekeyEvent } from '@rekey/contracts';
import type { PasskeyCredential } from '../passkeys/domain/passkey-credential';
import type { EndedBridge } from './domain/bridge-expired-event';
import type { AssuranceLevel, PasswordAccount, SignInMethod } from './domain/sign-in-rules';

export const SIGN_IN_STORE = Symbol('SignInStore');

/** A pre-sign-in: the anonymous page a customer opened, its CSRF token and passkey challenge. */
export interface SignInAttempt {
  hash: Buffer;
  csrfToken: string;
  expiresAt: Date;
}

/** A migrated account found by what the customer typed, with its factors for a password sign-in. */
export type FoundPasswordAccount = PasswordAccount;

/** A proven passkey, as a sign-in needs it. */
export interface SignInPasskey {
  id: string;
  legacyAccountId: string;
  targetAccountId: string;
  publicKey: Buffer;
  counter: number;
  transports: string[];
}

export interface SignedInSession {
  hash: Buffer;
  legacyAccountId: string;
  targetAccountId: string;
  csrfToken: string;
  assuranceLevel: AssuranceLevel;
  methods: SignInMethod[];
  /** The account still signs in with a bridging password: its end date, to invite an upgrade. */
  bridgeEndsAt?: Date;
  expiresAt: Date;
}

export type NewSignedInSession = Omit<SignedInSession, 'targetAccountId' | 'bridgeEndsAt'>;

/** Sign-in's state: attempts, failure counts, passkey uses and signed-in sessions. */
export interface SignInStore {
  saveAttempt(attempt: SignInAttempt): Promise<void>;
  findAttempt(hash: Buffer, now: Date): Promise<SignInAttempt | undefined>;
  saveChallenge(attemptHash: Buffer, challenge: string, expiresAt: Date): Promise<void>;
  /** Removes and returns the attempt's live challenge: a replay finds none. */
  takeChallenge(attemptHash: Buffer, now: Date): Promise<string | undefined>;
  /** By legacy or target account id, among accounts that finished their enrolment. */
  findPasswordAccount(identifier: string): Promise<FoundPasswordAccount | undefined>;
  findPasskey(credentialId: string): Promise<SignInPasskey | undefined>;
  /** Adds one consecutive failure to the account and returns the new count. */
  recordFailure(legacyAccountId: string, at: Date): Promise<number>;
  /**
   * A verified passkey sign-in: counter and last use (only when the counter moved forward), the
   * failure count reset, the session stored. False, with nothing changed, when the counter did not.
   */
  signInWithPasskey(
    use: { credentialId: string; newCounter: number },
    session: NewSignedInSession,
    at: Date,
  ): Promise<boolean>;
  /** A verification that succeeded without a session (the API): the failure count reset. */
  resetFailures(legacyAccountId: string): Promise<void>;
  /** A password sign-in that succeeded: the failure count reset and the session stored. */
  signIn(session: NewSignedInSession, at: Date): Promise<void>;
  /** The bridge-expired event, committed once per account however many attempts meet the end. */
  recordBridgeExpired(legacyAccountId: string, event: RekeyEvent): Promise<void>;
  /**
   * The sweep: up to `limit` password-only (AAL1) accounts whose bridge ended by `now` and whose
   * bridge-expired event is not recorded yet get it, marked as `recordBridgeExpired` marks it and
   * committed with the mark. Rows another replica is sweeping are skipped. Returns how many.
   */
  recordEndedBridges(now: Date, limit: number, eventOf: (bridge: EndedBridge) => RekeyEvent): Promise<number>;
  /** Deletes up to `limit` attempts and sessions that ended before `now`; returns how many went. */
  deleteExpired(now: Date, limit: number): Promise<number>;
  findSession(hash: Buffer, now: Date): Promise<SignedInSession | undefined>;
  /** Keeps the session's passkey registration challenge, replacing any earlier one. */
  saveSessionChallenge(sessionHash: Buffer, challenge: string, expiresAt: Date): Promise<void>;
  /** Removes and returns the session's live registration challenge: a replay finds none. */
  takeSessionChallenge(sessionHash: Buffer, now: Date): Promise<string | undefined>;
  /**
   * A passkey added after the move: stored as proven (its owner is signed in and verified on the
   * device), the account's methods and level raised, and `event` committed with them. `taken`
   * when the credential id is already stored (for this account or another): nothing changed.
   */
  addPasskey(credential: PasskeyCredential, event: RekeyEvent): Promise<'added' | 'taken'>;
}
