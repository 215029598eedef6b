import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { routeAccessOf } from '@rekey/operator-auth';
import type { Observable } from 'rxjs';
import { UnreadableRequestBody } from './unreadable-request-body';

const bodyError = Symbol('rekey.unreadable-body');
type ReadRequest = IncomingMessage & { [bodyError]?: UnreadableRequestBody };

/** What customer pages send: their forms, and JSON for scripts of the same origin. */
const CUSTOMER_MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

/**
 * JSON and flat forms, parsed for every route. A body that fails to parse is not answered here:
 * the parsers run before routing, so an answer from them would skip the route's filters (and a
 * customer page would answer raw problem+json). The failure is kept on the request and
 * `RequestBodyInterceptor` throws it once the route is known.
 */
export function readRequestBodies(app: NestExpressApplication): void {
  app.useBodyParser('json');
  // Every form we serve is flat. Nest's default parses forms with `qs`, which builds nested
  // objects and arrays from bracketed keys: surface an attacker can use and we never read, at a
  // cost on every customer POST.
  app.useBodyParser('urlencoded', { extended: false });
  // Four parameters: Express calls it only with the parsers' errors, and `next()` resumes routing.
  app.use(
    (error: unknown, request: ReadRequest, _response: ServerResponse, next: (error?: unknown) => void) => {
      const status = clientStatusOf(error);
      if (status === undefined) return next(error);
      request[bodyError] = new UnreadableRequestBody(status, { cause: error });
      next();
    },
  );
}

/**
 * Throws, for the route that received it, the body its parser could not read; and refuses, on
 * customer routes, a body of a media type customer pages never send (415) rather than handing the
 * route an empty body. Registered before the text-input check, which reads the parsed body.
 */
@Injectable()
export class RequestBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<ReadRequest>();
      const unreadable = request[bodyError];
      if (unreadable) throw unreadable;
      if (
        hasBody(request) &&
        !CUSTOMER_MEDIA_TYPES.has(mediaTypeOf(request)) &&
        routeAccessOf(context.getClass(), context.getHandler()).kind === 'customer'
      )
        throw new UnreadableRequestBody(415, {
          detail: 'This page takes forms (application/x-www-form-urlencoded) or JSON only.',
        });
    }
    return next.handle();
  }
}

/** body-parser's failures are http-errors (or a SyntaxError) with a 4xx status: 400, 413 or 415. */
function clientStatusOf(error: unknown): 400 | 413 | 415 | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = typeof statusCode === 'number' ? statusCode : status;
  if (code === 413 || code === 415) return code;
  return typeof code === 'number' && code >= 400 && code < 500 ? 400 : undefined;
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function mediaTypeOf(request: IncomingMessage): string {
  const [mediaType = ''] = (request.headers['content-type'] ?? '').split(';');
  return mediaType.trim().toLowerCase();
}
