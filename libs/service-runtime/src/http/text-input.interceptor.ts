import type { IncomingMessage } from 'node:http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { refuseControlCharacters } from '@rekey/problem-details';
import type { Observable } from 'rxjs';

type ParsedRequest = IncomingMessage & { body?: unknown; query?: unknown; params?: unknown };

/**
 * Refuses, for every route of every service, a request whose body, query string or route
 * parameters carry a control character (NUL above all, which PostgreSQL answers with an error),
 * with a 400 problem+json naming the field, before any handler sees it. It runs once routing
 * has filled the params, so handlers that read the request themselves are covered too.
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<ParsedRequest>();
      refuseControlCharacters([request.body, request.query, request.params]);
    }
    return next.handle();
  }
}
