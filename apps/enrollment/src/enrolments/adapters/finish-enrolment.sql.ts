import type { EntityManager } from 'typeorm';
import { queueSignInMethodNotices } from '../../notices/queue-sign-in-method-notices';
import type { EnrolledMethod, Enrolment, ReachedAssurance } from '../domain/enrolment';

export interface Finish {
  methods: EnrolledMethod[];
  assurance: ReachedAssurance;
  at: Date;
}

/**
 * Finishes an unfinished enrolment in the caller's transaction and records what the account
 * reached; false when it was finished already (its events were written then), so a retried proof
 * publishes nothing twice. Every method's store calls it, so the rule lives in one statement.
 * The customer's "a sign-in method was added" notices are queued here too, in the same transaction.
 */
export async function finishEnrolmentIn(manager: EntityManager, enrolment: Enrolment, finish: Finish) {
  const [moved] = (await manager.query(
    `UPDATE enrolment SET status = 'enrolled', enrolled_at = $2 WHERE journey_id = $1 AND status <> 'enrolled'
     RETURNING journey_id`,
    [enrolment.journeyId, finish.at],
  )) as [unknown[], number];
  if (moved.length === 0) return false;
  await manager.query(
    `INSERT INTO migrated_account (legacy_account_id, target_account_id, wave_id, journey_id, methods,
                                   assurance_level, phishing_resistant, enrolled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (legacy_account_id) DO UPDATE SET
       target_account_id = EXCLUDED.target_account_id, wave_id = EXCLUDED.wave_id,
       journey_id = EXCLUDED.journey_id, methods = EXCLUDED.methods,
       assurance_level = EXCLUDED.assurance_level, phishing_resistant = EXCLUDED.phishing_resistant,
       enrolled_at = EXCLUDED.enrolled_at`,
    [
      enrolment.legacyAccountId,
      enrolment.targetAccountId,
      enrolment.waveId,
      enrolment.journeyId,
      finish.methods,
      finish.assurance.level,
      finish.assurance.phishingResistant,
      finish.at,
    ],
  );
  await queueSignInMethodNotices(manager, {
    legacyAccountId: enrolment.legacyAccountId,
    journeyId: enrolment.journeyId,
    methods: finish.methods,
    at: finish.at,
  });
  return true;
}
