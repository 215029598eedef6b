import type { EntityManager } from 'typeorm';
import { contactHash } from '../eligibility/domain/contact-hash';

export type ReissueRequest = { email: string } | { legacyAccountId: string };

/**
 * What the customer-facing "send me a new link" endpoint calls, in its own transaction: it only
 * records the request (one insert, the same for every address) and looks nothing up, so neither
 * its answer nor its timing tells whether an address is known. The scheduler resolves it later.
 */
export async function requestReissue(
  manager: EntityManager,
  request: ReissueRequest,
  now = new Date(),
): Promise<void> {
  if ('email' in request) {
    await manager.query(`INSERT INTO reissue_request (contact_hash, created_at) VALUES ($1, $2)`, [
      contactHash('email', request.email),
      now,
    ]);
  } else {
    await manager.query(`INSERT INTO reissue_request (legacy_account_id, created_at) VALUES ($1, $2)`, [
      request.legacyAccountId,
      now,
    ]);
  }
}
