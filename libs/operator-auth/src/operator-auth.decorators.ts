import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { actorOf } from './request-actor';
import { OperatorAuthGuard } from './operator-auth.guard';
import { CUSTOMER_FACING, REQUIRED_SCOPES } from './route-metadata';
import type { OperatorScope } from './operator-scopes';

/**
 * The route (or every route of the controller) needs an operator token carrying all these
 * scopes. It applies the guard itself, so the requirement cannot be declared and left unchecked.
 * A route's own `@RequireScopes` replaces its controller's.
 */
export function RequireScopes(
  ...scopes: [OperatorScope, ...OperatorScope[]]
): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), UseGuards(OperatorAuthGuard));
}

/**
 * A route customers call. It needs no operator token and refuses any request that carries one,
 * so an operator credential never travels on customer paths (or gets logged by their proxies).
 */
export function CustomerFacing(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(CUSTOMER_FACING, true), UseGuards(OperatorAuthGuard));
}

/** The authenticated operator of a `@RequireScopes` route: `{ subject, scopes, tokenId }`. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  actorOf(context.switchToHttp().getRequest<object>()),
);
