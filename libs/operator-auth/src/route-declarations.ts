import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import { routeAccessOf, type RouteAccess } from './route-access';

/** One HTTP route of a controller, with the access it declares. */
export interface DeclaredRoute {
  /** `GET /operator/holds/:legacyAccountId (HoldsController.active)` */
  route: string;
  access: RouteAccess;
}

const scanner = new MetadataScanner();

/** The HTTP routes of these controllers; event handlers (`@EventPattern`) have no path and are left out. */
export function declaredRoutesOf(controllers: Array<Type<unknown>>): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      routes.push({
        route: `${RequestMethod[method]} ${joinPaths(base, path)} (${controller.name}.${name})`,
        access: routeAccessOf(controller, handler),
      });
    }
  }
  return routes;
}

/**
 * Routes that declare no access (neither `@Public`, `@CustomerFacing` nor `@RequireScopes`) or
 * contradictory marks, each described for the start-up error. Empty when every route is declared.
 */
export function undeclaredRoutes(controllers: Array<Type<unknown>>): string[] {
  return declaredRoutesOf(controllers).flatMap(({ route, access }) => {
    if (access.kind === 'undeclared')
      return [`${route}: neither @Public(), @CustomerFacing() nor @RequireScopes()`];
    if (access.kind === 'conflicting') return [`${route}: both ${access.marks.join(' and ')}`];
    if (access.kind === 'operator' && access.scopes.length === 0)
      return [`${route}: @RequireScopes() without a scope`];
    return [];
  });
}

function joinPaths(base: string | string[] | undefined, path: string | string[]): string {
  const first = (value: string | string[] | undefined) =>
    Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  const joined = [first(base), first(path)]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
