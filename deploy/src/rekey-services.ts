/** The six Rekey services and the port each listens on by default (its `PORT`). */
export const rekeyServices = [
  { name: 'identity-matching', port: 3101 },
  { name: 'reset-issuance', port: 3102 },
  { name: 'enrollment', port: 3103 },
  { name: 'session-revocation', port: 3104 },
  { name: 'fraud-monitoring', port: 3105 },
  { name: 'audit', port: 3106 },
] as const;

export type RekeyService = (typeof rekeyServices)[number];

/** Each service's own PostgreSQL database, and the role that owns it, share this name. */
export function databaseName(service: RekeyService): string {
  return service.name.replaceAll('-', '_');
}
