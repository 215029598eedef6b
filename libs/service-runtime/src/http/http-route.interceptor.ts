import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Observable } from 'rxjs';

/**
 * Names the HTTP server span after the matched route (`POST /operator/holds`). Nest loads its
 * HTTP adapter as an ES module, out of reach of the express instrumentation that would otherwise
 * record the route; without it every span of a service would be called just `POST`.
 */
@Injectable()
export class HttpRouteInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<{ method?: string; route?: { path?: unknown } }>();
      const route = typeof request.route?.path === 'string' ? request.route.path : undefined;
      const span = trace.getActiveSpan();
      if (span && route) {
        span.setAttribute('http.route', route);
        span.updateName(`${request.method ?? 'HTTP'} ${route}`);
      }
    }
    return next.handle();
  }
}
