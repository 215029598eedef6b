import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { controllersOf, declaredRoutesOf, type ModuleReference } from '@rekey/operator-auth';
import { root } from './platform';

/** What this test reads of a service definition (libs/service-runtime's ServiceDefinition). */
interface ServiceDefinition {
  name: string;
  module: ModuleReference;
}

/** The service's own routes; the runtime's health probes are checked in libs/service-runtime. */
function serviceRoutesOf(definition: ServiceDefinition) {
  return declaredRoutesOf(controllersOf(definition.module));
}

/**
 * Every service in apps/, found by its `<name>.definition.ts` (the file its main.ts starts),
 * so a service added later is walked too without anyone listing it here.
 */
function everyServiceDefinition(): ServiceDefinition[] {
  return readdirSync(path.join(root, 'apps'), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(root, 'apps', entry.name, 'src', `${entry.name}.definition.ts`);
    if (!entry.isDirectory() || !existsSync(file)) return [];
    // Loaded by path: a cross-service test reads the services as their own main.ts does.
    const exported = Object.values(require(file) as Record<string, unknown>);
    return exported.filter(
      (value): value is ServiceDefinition =>
        typeof value === 'object' && value !== null && 'module' in value && 'name' in value,
    );
  });
}

describe('every route of every service', () => {
  const definitions = everyServiceDefinition();

  it('finds the six services', () => {
    expect(definitions.map((definition) => definition.name).sort()).toEqual([
      'audit',
      'enrollment',
      'fraud-monitoring',
      'identity-matching',
      'reset-issuance',
      'session-revocation',
    ]);
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s declares for each route whether it is public, customer-facing or needs operator scopes',
    (_name, definition) => {
      const routes = serviceRoutesOf(definition);

      expect(
        routes.filter(({ access }) => !['public', 'customer', 'operator'].includes(access.kind)),
      ).toEqual([]);
      expect(routes.filter(({ access }) => access.kind === 'operator' && access.scopes.length === 0)).toEqual(
        [],
      );
    },
  );

  it('classifies the routes it walks as their callers need them', () => {
    const routes = new Map(
      definitions.flatMap((definition) =>
        serviceRoutesOf(definition).map(({ route, access }) => [
          `${definition.name} ${route.split(' (')[0]}`,
          access,
        ]),
      ),
    );

    expect(routes.get('reset-issuance POST /operator/holds')).toEqual({
      kind: 'operator',
      scopes: ['holds:write'],
    });
    expect(routes.get('reset-issuance POST /reset/redeem')).toEqual({ kind: 'customer' });
    expect(routes.get('reset-issuance GET /.well-known/jwks.json')).toEqual({ kind: 'public' });
    expect(routes.get('identity-matching POST /operator/imports')).toEqual({
      kind: 'operator',
      scopes: ['imports:write'],
    });
  });
});
