import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { newSessionToken, sessionTokenHash } from '@rekey/customer-web';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { newCsrfToken } from '../sessions/domain/enrolment-session';
import type { AssuranceLevel, SignInMethod } from './domain/sign-in-rules';
import type { NewSignedInSession, SignInAttempt } from './sign-in-store.port';
import type { SignInConfig } from './sign-in.environment';

export interface SignedIn {
  /** The signed-in cookie's token: only its hash is stored. */
  sessionToken: string;
  maxAgeSeconds: number;
  legacyAccountId: string;
  assuranceLevel: AssuranceLevel;
  methods: SignInMethod[];
}

/** Makes the tokens of pre-sign-in attempts and signed-in sessions, with their lifetimes. */
@Injectable()
export class SignInSessions {
  readonly sessionSeconds: number;
  readonly attemptSeconds: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: SignInConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.sessionSeconds = config.SIGN_IN_SESSION_MINUTES * 60;
    this.attemptSeconds = Math.max(300, Math.round(this.sessionSeconds / 10));
  }

  newAttempt(): { token: string; attempt: SignInAttempt } {
    const token = newSessionToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.attemptSeconds * 1000);
    return { token, attempt: { hash: sessionTokenHash(token), csrfToken: newCsrfToken(), expiresAt } };
  }

  newSession(
    legacyAccountId: string,
    assuranceLevel: AssuranceLevel,
    methods: SignInMethod[],
  ): { signedIn: SignedIn; session: NewSignedInSession } {
    const sessionToken = newSessionToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.sessionSeconds * 1000);
    return {
      signedIn: {
        sessionToken,
        maxAgeSeconds: this.sessionSeconds,
        legacyAccountId,
        assuranceLevel,
        methods,
      },
      session: {
        hash: sessionTokenHash(sessionToken),
        legacyAccountId,
        csrfToken: newCsrfToken(),
        assuranceLevel,
        methods,
        expiresAt,
      },
    };
  }
}
