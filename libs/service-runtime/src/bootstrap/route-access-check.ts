import {
  controllersOf,
  declaredRoutesOf,
  undeclaredRoutes,
  type DeclaredRoute,
  type ModuleReference,
} from '@rekey/operator-auth';
import { HealthController } from '../health/health.controller';
import type { ServiceDefinition } from './service-definition';

/** A service with a route that says nothing about who may call it. */
export class UndeclaredRouteError extends Error {
  constructor(
    serviceName: string,
    readonly routes: string[],
  ) {
    super(
      `${serviceName} refuses to start: every route must be @Public(), @CustomerFacing() or ` +
        `@RequireScopes(...), and these are not:\n${routes.map((route) => `  ${route}`).join('\n')}`,
    );
    this.name = 'UndeclaredRouteError';
  }
}

/**
 * The operator guard already refuses such a route on every request; refusing to start as well
 * tells the developer at once, naming the route, instead of an operator at the first 403.
 */
export function assertEveryRouteDeclaresAccess(serviceName: string, root: ModuleReference): void {
  const routes = undeclaredRoutes(controllersOf(root));
  if (routes.length > 0) throw new UndeclaredRouteError(serviceName, routes);
}

/** Every HTTP route a service serves, its own and the runtime's, with the access each declares. */
export function serviceRoutesOf(definition: Pick<ServiceDefinition, 'module'>): DeclaredRoute[] {
  return declaredRoutesOf(
    controllersOf({
      module: class ServiceRoutes {},
      imports: [definition.module],
      controllers: [HealthController],
    }),
  );
}
