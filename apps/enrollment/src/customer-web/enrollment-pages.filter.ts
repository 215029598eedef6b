import type { ServerResponse } from 'node:http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RequestValidationError } from '@rekey/problem-details';
import { UnreadableRequestBody } from '@rekey/service-runtime';
import {
  CrossOriginRequest,
  CsrfTokenMismatch,
  NoEnrolmentSession,
} from '../sessions/domain/enrolment-session.errors';
import { sendPage } from './enrollment-responses';
import { crossOriginPage, sessionEndedPage, unreadableRequestPage } from './pages/grant-pages';

/**
 * Page routes answer pages, never problem+json, with every customer page's headers. The WebAuthn
 * ceremony calls, made by our own script, keep the problem+json of the problem-details filter.
 */
@Catch(
  NoEnrolmentSession,
  CrossOriginRequest,
  CsrfTokenMismatch,
  UnreadableRequestBody,
  RequestValidationError,
)
export class EnrollmentPagesFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (error instanceof NoEnrolmentSession) return sendPage(response, sessionEndedPage());
    if (error instanceof CrossOriginRequest || error instanceof CsrfTokenMismatch) {
      return sendPage(response, crossOriginPage());
    }
    const status = error instanceof UnreadableRequestBody ? error.getStatus() : 400;
    sendPage(response, unreadableRequestPage(status === 413 || status === 415 ? status : 400));
  }
}
