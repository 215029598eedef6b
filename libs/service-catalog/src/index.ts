import services from './services.json';

/**
 * One Rekey service: its name (the app folder, the Nx project, the `scope:` tag, the image, the
 * Kubernetes directory), the HTTP port it listens on by default, and the PostgreSQL database it
 * owns with the login role that owns it.
 */
export interface RekeyService {
  readonly name: ServiceName;
  readonly port: number;
  readonly database: string;
  readonly role: string;
  /**
   * The role that owns the database and runs the migrations, when it is not `role`: the service
   * then connects with privileges granted by its migrations and no more (audit's insert-only log).
   */
  readonly owner?: string;
  readonly purpose: string;
}

/** The role that owns the service's database: `owner`, or the service's own role. */
export function databaseOwnerOf(service: RekeyService): string {
  return service.owner ?? service.role;
}

export type ServiceName =
  'identity-matching' | 'reset-issuance' | 'enrollment' | 'session-revocation' | 'fraud-monitoring' | 'audit';

/** Every service, in the order of their ports. The list lives in services.json so that
 * eslint.config.mjs (plain JavaScript) reads the same one. */
export const rekeyServices: readonly RekeyService[] = services as RekeyService[];

export const serviceNames: readonly ServiceName[] = rekeyServices.map((service) => service.name);

export function isServiceName(name: string): name is ServiceName {
  return serviceNames.includes(name as ServiceName);
}

export function serviceNamed(name: string): RekeyService {
  const service = rekeyServices.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`Unknown service "${name}"; expected one of ${serviceNames.join(', ')}`);
  return service;
}
