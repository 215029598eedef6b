import type { IncomingMessage } from 'node:http';
import {
  createParamDecorator,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { isSameOriginRequest, sessionTokenHash } from '@rekey/customer-web';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { EnrollmentWebConfig } from '../customer-web/enrollment-web.environment';
import { enrolmentSessionTokenOf, isCsrfTokenValid } from './domain/enrolment-session';
import { CrossOriginRequest, CsrfTokenMismatch, NoEnrolmentSession } from './domain/enrolment-session.errors';
import {
  ENROLMENT_SESSION_STORE,
  type EnrolmentSessionStore,
  type SessionWithEnrolment,
} from './enrolment-session-store.port';

type SessionRequest = IncomingMessage & { body?: unknown; enrolmentSession?: SessionWithEnrolment };

/** The header WebAuthn ceremony calls carry the session's CSRF token in; forms post a `csrf` field. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The customer's enrolment session, from its cookie. Every request that changes something (POST)
 * must also come from our own origin and carry the token bound to the session: SameSite=Strict
 * already keeps the cookie off other sites' requests, and these two hold when it does not (an
 * old browser, a sibling subdomain).
 */
@Injectable()
export class EnrolmentSessionGuard implements CanActivate {
  private readonly origin: string;

  constructor(
    @Inject(ENROLMENT_SESSION_STORE) private readonly sessions: EnrolmentSessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EnrollmentWebConfig,
  ) {
    this.origin = new URL(config.ENROLLMENT_BASE_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionRequest>();
    const changes = request.method !== 'GET' && request.method !== 'HEAD';
    if (changes && !isSameOriginRequest(request.headers, this.origin)) throw new CrossOriginRequest();
    const token = enrolmentSessionTokenOf(request.headers.cookie);
    const found = token ? await this.sessions.find(sessionTokenHash(token), this.clock.now()) : undefined;
    if (!found) throw new NoEnrolmentSession();
    if (changes && !isCsrfTokenValid(found.session.csrfToken, presentedCsrfToken(request))) {
      throw new CsrfTokenMismatch();
    }
    request.enrolmentSession = found;
    return true;
  }
}

function presentedCsrfToken(request: SessionRequest): unknown {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>).csrf : undefined;
}

/** The session the guard found, in a handler's parameters. */
export const CurrentEnrolment = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionWithEnrolment => {
    const found = context.switchToHttp().getRequest<SessionRequest>().enrolmentSession;
    if (!found) throw new NoEnrolmentSession();
    return found;
  },
);
