import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import type { EntityManager } from 'typeorm';

/** Records a grant in the transaction that lets its journey enrol (never the JWT, only its jti). */
export async function recordEnrollmentGrant(manager: EntityManager, grant: EnrollmentGrant): Promise<void> {
  await manager.query(
    `INSERT INTO enrollment_grant (jti, journey_id, legacy_account_id, issued_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [grant.jti, grant.journeyId, grant.legacyAccountId, grant.issuedAt, grant.expiresAt],
  );
}
