import type { IncomingMessage } from 'node:http';
import {
  createParamDecorator,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { cookieValueOf, isSameOriginRequest, sessionTokenHash } from '@rekey/customer-web';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { EnrollmentWebConfig } from '../customer-web/enrollment-web.environment';
import { isCsrfTokenValid } from '../sessions/domain/enrolment-session';
import { CrossOriginRequest, CsrfTokenMismatch } from '../sessions/domain/enrolment-session.errors';
import { NoSignInAttempt } from './domain/sign-in.errors';
import { SIGN_IN_STORE, type SignInAttempt, type SignInStore } from './sign-in-store.port';

/** The anonymous cookie GET /sign-in sets: it binds the CSRF token and the passkey challenge. */
export const SIGN_IN_ATTEMPT_COOKIE = 'rekey_sign_in';

type AttemptRequest = IncomingMessage & { body?: unknown; signInAttempt?: SignInAttempt };

/**
 * Every sign-in POST comes from our own origin, with the pre-sign-in cookie and the CSRF token of
 * the page that set it (a header for the passkey calls, a `csrf` field for the form), as the
 * enrolment pages require: nobody's credentials can be tried from another site's page.
 */
@Injectable()
export class SignInAttemptGuard implements CanActivate {
  private readonly origin: string;

  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EnrollmentWebConfig,
  ) {
    this.origin = new URL(config.ENROLLMENT_BASE_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AttemptRequest>();
    if (!isSameOriginRequest(request.headers, this.origin)) throw new CrossOriginRequest();
    const token = cookieValueOf(request.headers.cookie, SIGN_IN_ATTEMPT_COOKIE);
    const attempt = token
      ? await this.store.findAttempt(sessionTokenHash(token), this.clock.now())
      : undefined;
    if (!attempt) throw new NoSignInAttempt();
    const header = request.headers['x-csrf-token'];
    const body = request.body as Record<string, unknown> | undefined;
    const presented = typeof header === 'string' ? header : body?.['csrf'];
    if (!isCsrfTokenValid(attempt.csrfToken, presented)) throw new CsrfTokenMismatch();
    request.signInAttempt = attempt;
    return true;
  }
}

export const CurrentSignInAttempt = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SignInAttempt => {
    const attempt = context.switchToHttp().getRequest<AttemptRequest>().signInAttempt;
    if (!attempt) throw new NoSignInAttempt();
    return attempt;
  },
);
