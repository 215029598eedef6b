import type { EntityManager } from 'typeorm';
import type { EnrolledMethod } from '../enrolments/domain/enrolment';

export interface AddedSignInMethod {
  legacyAccountId: string;
  methods: readonly EnrolledMethod[];
  at: Date;
  /** The enrolment that added it, when there is one. */
  journeyId?: string;
}

/**
 * Queues "a sign-in method was added" for every verified contact of the account, in the caller's
 * transaction: the notices exist exactly when the change that caused them commits, and the sender
 * delivers them later. Contacts released after this never get a notice for it (no retroactive
 * sending). Enrolment's finish calls it; a credential added at a later sign-in will too.
 */
export async function queueSignInMethodNotices(
  manager: EntityManager,
  added: AddedSignInMethod,
): Promise<number> {
  const queued = (await manager.query(
    `INSERT INTO sign_in_method_notice (id, legacy_account_id, journey_id, channel, recipient, methods, added_at)
     SELECT gen_random_uuid(), $1, $2, contact->>'kind', contact->>'value', $3::text[], $4
       FROM account_contact, jsonb_array_elements(verified_contacts) AS contact
      WHERE legacy_account_id = $1 AND contact->>'kind' IN ('email', 'sms')
     RETURNING id`,
    [added.legacyAccountId, added.journeyId ?? null, added.methods, added.at],
  )) as [unknown[], number];
  return queued[1];
}
