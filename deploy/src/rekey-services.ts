import type { RekeyService } from '@rekey/service-catalog';

export { rekeyServices, type RekeyService } from '@rekey/service-catalog';

/** Each service's own PostgreSQL database, owned by the role of the same name. */
export function databaseName(service: RekeyService): string {
  return service.database;
}
