import { CUSTOMER_FACING, PUBLIC_ROUTE, REQUIRED_SCOPES } from './route-metadata';

/** Who may call a route, from its marks: the operator guard enforces it, start-up checks it is declared. */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'customer' }
  | { kind: 'operator'; scopes: string[] }
  | { kind: 'undeclared' }
  | { kind: 'conflicting'; marks: string[] };

/* eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- handlers and classes alike */
type Target = Function;

const cache = new WeakMap<Target, WeakMap<Target, RouteAccess>>();

/**
 * The access a route declares. A route's own marks replace its controller's (so one operator
 * route may narrow or change a controller-wide scope); two kinds of mark at the same level are a
 * mistake the route is refused for. Cached: marks are fixed once the classes are defined.
 */
export function routeAccessOf(controller: Target, handler: Target): RouteAccess {
  let byHandler = cache.get(controller);
  if (!byHandler) cache.set(controller, (byHandler = new WeakMap()));
  let access = byHandler.get(handler);
  if (!access)
    byHandler.set(handler, (access = accessOf(handler) ?? accessOf(controller) ?? { kind: 'undeclared' }));
  return access;
}

function accessOf(target: Target): RouteAccess | undefined {
  const isPublic = Reflect.getMetadata(PUBLIC_ROUTE, target) === true;
  const isCustomer = Reflect.getMetadata(CUSTOMER_FACING, target) === true;
  const scopes = Reflect.getMetadata(REQUIRED_SCOPES, target) as string[] | undefined;
  const marks = [
    ...(isPublic ? ['@Public()'] : []),
    ...(isCustomer ? ['@CustomerFacing()'] : []),
    ...(scopes ? ['@RequireScopes()'] : []),
  ];
  if (marks.length === 0) return undefined;
  if (marks.length > 1) return { kind: 'conflicting', marks };
  if (isPublic) return { kind: 'public' };
  if (isCustomer) return { kind: 'customer' };
  return { kind: 'operator', scopes: scopes ?? [] };
}
