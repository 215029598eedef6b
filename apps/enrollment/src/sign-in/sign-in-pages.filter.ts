import type { ServerResponse } from 'node:http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendPage } from '../customer-web/enrollment-responses';
import { NoSignInAttempt, SignInRefused } from './domain/sign-in.errors';
import { signInExpiredPage } from './pages/sign-in-page';

/**
 * The sign-in forms answer pages, never problem+json: a form without its live attempt cookie, or
 * an account form without a session, gets the "page expired" page and changes nothing.
 */
@Catch(NoSignInAttempt, SignInRefused)
export class SignInPagesFilter implements ExceptionFilter {
  catch(_error: Error, host: ArgumentsHost): void {
    sendPage(host.switchToHttp().getResponse<ServerResponse>(), signInExpiredPage());
  }
}
