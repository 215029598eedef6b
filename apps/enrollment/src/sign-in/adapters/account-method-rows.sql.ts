import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import type { EntityManager } from 'typeorm';
import type { EnrolledMethod } from '../../enrolments/domain/enrolment';
import { queueSignInMethodNotices } from '../../notices/queue-sign-in-method-notices';

export interface MethodAddedAfterSignIn {
  legacyAccountId: string;
  method: Extract<EnrolledMethod, 'passkey' | 'totp'>;
  phishingResistant: boolean;
  /** credential-added.v1, committed with the account's new methods. */
  event: RekeyEvent;
  at: Date;
}

/**
 * In the caller's transaction, after the credential itself was stored: the account gains the
 * method and reaches AAL2 (phishing resistance, once reached, is kept), the event
 * goes to the outbox, and the customer's notices are queued. NIST SP 800-63B §6.1.2.1: the
 * customer hears of every authenticator added, on every verified channel, at enrolment or later.
 */
export async function recordMethodAdded(
  manager: EntityManager,
  added: MethodAddedAfterSignIn,
): Promise<void> {
  await manager.query(
    `UPDATE migrated_account
        SET methods = CASE WHEN $2 = ANY (methods) THEN methods ELSE array_append(methods, $2) END,
            assurance_level = CASE WHEN assurance_level = 'aal1' THEN 'aal2' ELSE assurance_level END,
            phishing_resistant = phishing_resistant OR $3
      WHERE legacy_account_id = $1`,
    [added.legacyAccountId, added.method, added.phishingResistant],
  );
  await appendToOutbox(manager, [added.event]);
  await queueSignInMethodNotices(manager, {
    legacyAccountId: added.legacyAccountId,
    methods: [added.method],
    at: added.at,
  });
}
