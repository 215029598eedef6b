import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { bearerTokenOf, hasBearerScheme } from './bearer-token';
import type { OperatorActor } from './operator-actor';
import {
  OperatorKeySetUnavailable,
  OperatorTokenRejected,
  OperatorTokenVerifier,
} from './operator-token-verifier';
import { authenticateOnce } from './request-actor';
import { routeAccessOf } from './route-access';

/**
 * Guards every route of the application (OperatorAuthModule registers it as APP_GUARD). A
 * `@RequireScopes` route needs a valid operator bearer token, from the Authorization header and
 * nowhere else, with every listed scope; a `@CustomerFacing` route refuses operator tokens; a
 * `@Public` route reads no credential; any other route is refused, so a forgotten declaration
 * fails closed (and the service runtime refuses to start with one). Failures
 * are HttpExceptions with a `{ code, detail }` body, which the problem-details filter answers
 * as problem+json; the RFC 6750 challenge is set on the response first.
 */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  private readonly logger = new Logger('OperatorAuth');

  constructor(private readonly verifier: OperatorTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Registered for the whole application, the guard also sees event handlers: the broker's
    // ACLs, not operator tokens, decide who may publish to a topic.
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const access = routeAccessOf(context.getClass(), context.getHandler());
    const route = `${context.getClass().name}.${context.getHandler().name}`;

    switch (access.kind) {
      case 'public':
        return true;
      case 'customer':
        this.refuseOperatorToken(request);
        return true;
      case 'operator':
        return this.checkScopes(request, response, route, access.scopes);
      case 'conflicting':
        throw new Error(`${route} is declared ${access.marks.join(' and ')}; it must be one of them`);
      case 'undeclared':
        // Fail closed: authenticate first, so a caller without a token learns no more than 401.
        await authenticateOnce(request, () => this.authenticate(request, response, route));
        return this.refuseUndeclaredRoute(route);
    }
  }

  private async checkScopes(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
    requiredScopes: string[],
  ): Promise<boolean> {
    const actor = await authenticateOnce(request, () => this.authenticate(request, response, route));
    if (requiredScopes.length === 0) return this.refuseUndeclaredRoute(route);
    const missing = requiredScopes.filter((scope) => !actor.scopes.includes(scope));
    if (missing.length > 0) {
      response.setHeader(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${requiredScopes.join(' ')}"`,
      );
      throw new ForbiddenException({
        code: 'operator-auth.insufficient-scope',
        detail: `This route needs the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
      });
    }
    return true;
  }

  private refuseUndeclaredRoute(route: string): never {
    this.logger.error(`${route} declares no access (no @RequireScopes): every request is refused`);
    throw new ForbiddenException({
      code: 'operator-auth.route-without-scope',
      detail: 'This route declares no operator scope, so no token can reach it.',
    });
  }

  private async authenticate(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
  ): Promise<OperatorActor> {
    const token = bearerTokenOf(request.headers);
    if (!token) {
      // RFC 6750: a request with no credentials gets the challenge without an error code.
      response.setHeader(
        'WWW-Authenticate',
        hasBearerScheme(request.headers) ? 'Bearer error="invalid_token"' : 'Bearer',
      );
      throw new UnauthorizedException({
        code: 'operator-auth.token-missing',
        detail: 'This route needs an operator bearer token.',
      });
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof OperatorTokenRejected) {
        this.logger.warn(`operator token refused on ${route}: ${error.reason}`);
        response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw new UnauthorizedException({
          code: 'operator-auth.token-invalid',
          detail: 'The bearer token is expired, not signed by a trusted key, or not issued for this API.',
        });
      }
      if (error instanceof OperatorKeySetUnavailable) {
        this.logger.error(
          `operator JWKS unavailable on ${route}: ${(error.cause as Error | undefined)?.message}`,
        );
        throw new ServiceUnavailableException({ code: 'operator-auth.key-set-unavailable' });
      }
      throw error;
    }
  }

  private refuseOperatorToken(request: IncomingMessage): void {
    const token = bearerTokenOf(request.headers);
    if (token && this.verifier.claimsOperatorAudience(token)) {
      throw new BadRequestException({
        code: 'operator-auth.operator-token-on-customer-route',
        detail: 'Operator tokens are not accepted on customer routes; send the request without it.',
      });
    }
  }
}
