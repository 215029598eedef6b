import type { EntityManager } from 'typeorm';
import type { NewStepUpChallenge } from '../domain/step-up-challenge';

/** Shared by redemption (which opens challenges inside its own transaction) and step-up. */
export async function insertStepUpChallenge(
  manager: EntityManager,
  challenge: NewStepUpChallenge,
): Promise<void> {
  await manager.query(
    `INSERT INTO step_up_challenge (id, journey_id, legacy_account_id, session_hash, method, reasons,
       channel_kind, channel_masked, code_hmac, max_attempts, status, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      challenge.id,
      challenge.journeyId,
      challenge.legacyAccountId,
      challenge.sessionHash,
      challenge.method,
      challenge.reasons,
      challenge.channel?.kind ?? null,
      challenge.channel?.masked ?? null,
      challenge.codeDigest ?? null,
      challenge.maxAttempts,
      challenge.status,
      challenge.createdAt,
      challenge.expiresAt,
    ],
  );
}
