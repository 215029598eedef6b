import type { IncomingMessage } from 'node:http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { inJourneySpan } from '@rekey/observability';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { journeyOf } from '../enrolments/domain/enrolment-events';
import type { SessionWithEnrolment } from './enrolment-session-store.port';

type JourneyRequest = IncomingMessage & {
  enrolmentSession?: SessionWithEnrolment;
  route?: { path?: unknown };
};

/**
 * Every customer request that runs in an enrolment session (EnrolmentSessionGuard found one; a
 * guard runs before any interceptor) does its work in a span of the journey's trace, the one the
 * redemption on reset-issuance began: the passkey, TOTP and password steps, the proof and the
 * completion, and the events they write, belong to it. The request's own HTTP span stays in the
 * browser request's trace, linked from the journey span (see inJourneySpan).
 */
@Injectable()
export class JourneySpanInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<JourneyRequest>();
    const enrolment = request.enrolmentSession?.enrolment;
    if (!enrolment) return next.handle();
    const route = typeof request.route?.path === 'string' ? request.route.path : context.getHandler().name;
    const { journeyId, waveId, legacyAccountId } = journeyOf(enrolment);
    return from(
      inJourneySpan(
        `enrolment ${request.method ?? 'GET'} ${route}`,
        enrolment.journeyTraceparent,
        { journeyId, waveId, legacyAccountId },
        // A handler answers once (most write the response themselves and answer nothing).
        () => lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }
}
