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
import { SignInRefused } from './domain/sign-in.errors';
import { SIGN_IN_STORE, type SignedInSession, type SignInStore } from './sign-in-store.port';

/** The cookie of a signed-in customer; only its hash is stored. */
export const SIGNED_IN_COOKIE = 'rekey_signed_in';

type SignedInRequest = IncomingMessage & { body?: unknown; signedIn?: SignedInSession };

/**
 * A signed-in customer's POSTs (new recovery codes, a new passkey or authenticator app) come from our origin with the
 * session's CSRF token (a `csrf` field, or the X-CSRF-Token header of the passkey calls).
 */
@Injectable()
export class SignedInSessionGuard implements CanActivate {
  private readonly origin: string;

  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EnrollmentWebConfig,
  ) {
    this.origin = new URL(config.ENROLLMENT_BASE_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    if (!isSameOriginRequest(request.headers, this.origin)) throw new CrossOriginRequest();
    const session = await signedInSessionOf(request, this.store, this.clock.now());
    if (!session) throw new SignInRefused();
    const header = request.headers['x-csrf-token'];
    const body = request.body as Record<string, unknown> | undefined;
    const presented = typeof header === 'string' ? header : body?.['csrf'];
    if (!isCsrfTokenValid(session.csrfToken, presented)) throw new CsrfTokenMismatch();
    request.signedIn = session;
    return true;
  }
}

/** The live session the request's cookie names, for pages (GETs) that need no CSRF token. */
export async function signedInSessionOf(
  request: IncomingMessage,
  store: Pick<SignInStore, 'findSession'>,
  now: Date,
): Promise<SignedInSession | undefined> {
  const token = cookieValueOf(request.headers.cookie, SIGNED_IN_COOKIE);
  return token ? store.findSession(sessionTokenHash(token), now) : undefined;
}

export const CurrentSignedIn = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SignedInSession => {
    const session = context.switchToHttp().getRequest<SignedInRequest>().signedIn;
    if (!session) throw new SignInRefused();
    return session;
  },
);
