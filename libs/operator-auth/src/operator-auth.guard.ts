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
import { Reflector } from '@nestjs/core';
import { bearerTokenOf, hasBearerScheme } from './bearer-token';
import type { OperatorActor } from './operator-actor';
import {
  OperatorKeySetUnavailable,
  OperatorTokenRejected,
  OperatorTokenVerifier,
} from './operator-token-verifier';
import { authenticateOnce } from './request-actor';
import { CUSTOMER_FACING, REQUIRED_SCOPES } from './route-metadata';

/**
 * Guards operator routes and customer routes alike. A `@RequireScopes` route needs a valid
 * operator token with every listed scope; a `@CustomerFacing` route refuses operator tokens; any
 * other route behind this guard is refused, so a forgotten declaration fails closed. Failures
 * are HttpExceptions with a `{ code, detail }` body, which the problem-details filter answers
 * as problem+json; the RFC 6750 challenge is set on the response first.
 */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  private readonly logger = new Logger('OperatorAuth');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: OperatorTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const targets = [context.getHandler(), context.getClass()];
    const customerFacing =
      this.reflector.getAllAndOverride<boolean | undefined>(CUSTOMER_FACING, targets) === true;
    const requiredScopes = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    const route = `${context.getClass().name}.${context.getHandler().name}`;

    if (customerFacing && requiredScopes) {
      throw new Error(
        `${route} is declared both @CustomerFacing() and @RequireScopes(); it must be one or the other`,
      );
    }
    if (customerFacing) {
      this.refuseOperatorToken(request);
      return true;
    }
    const actor = await authenticateOnce(request, () => this.authenticate(request, response, route));
    if (!requiredScopes || requiredScopes.length === 0) {
      this.logger.error(
        `${route} is behind the operator guard without @RequireScopes: every request is refused`,
      );
      throw new ForbiddenException({
        code: 'operator-auth.route-without-scope',
        detail: 'This route declares no operator scope, so no token can reach it.',
      });
    }
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
