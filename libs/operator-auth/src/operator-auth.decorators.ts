import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { actorOf } from './request-actor';
import { CUSTOMER_FACING, PUBLIC_ROUTE, REQUIRED_SCOPES } from './route-metadata';
import type { OperatorScope } from './operator-scopes';

// The marks only declare; OperatorAuthGuard, registered for the whole application by
// OperatorAuthModule, enforces them on every route, and refuses a route that has none.

/**
 * The route (or every route of the controller) needs an operator bearer token carrying all these
 * scopes. A route's own mark replaces its controller's.
 */
export function RequireScopes(
  ...scopes: [OperatorScope, ...OperatorScope[]]
): MethodDecorator & ClassDecorator {
  return SetMetadata(REQUIRED_SCOPES, scopes);
}

/**
 * A route customers call. It needs no operator token and refuses any request that carries one,
 * so an operator credential never travels on customer paths (or gets logged by their proxies).
 */
export function CustomerFacing(): MethodDecorator & ClassDecorator {
  return SetMetadata(CUSTOMER_FACING, true);
}

/**
 * A route anyone may call, for machines rather than people: health probes, published key sets.
 * It reads no credential at all.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_ROUTE, true);
}

/** The authenticated operator of a `@RequireScopes` route: `{ subject, scopes, tokenId }`. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  actorOf(context.switchToHttp().getRequest<object>()),
);
