import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { EntityManager } from 'typeorm';

/** The columns `enrollmentGrantRowSql` gives values for, in its order. */
export const ENROLLMENT_GRANT_COLUMNS = 'jti, journey_id, legacy_account_id, issued_at, expires_at';

/** A grant as the typed values of its row (never the JWT, only its jti), `bind` making parameters. */
export function enrollmentGrantRowSql(grant: EnrollmentGrant, bind: (value: unknown) => string): string {
  return [
    `${bind(grant.jti)}::uuid`,
    `${bind(grant.journeyId)}::uuid`,
    `${bind(grant.legacyAccountId)}::text`,
    `${bind(grant.issuedAt)}::timestamptz`,
    `${bind(grant.expiresAt)}::timestamptz`,
  ].join(', ');
}

/** Records a grant in the transaction that lets its journey enrol. */
export async function recordEnrollmentGrant(manager: EntityManager, grant: EnrollmentGrant): Promise<void> {
  const values: unknown[] = [];
  const row = enrollmentGrantRowSql(grant, (value) => `$${values.push(value)}`);
  await manager.query(`INSERT INTO enrollment_grant (${ENROLLMENT_GRANT_COLUMNS}) VALUES (${row})`, values);
}
