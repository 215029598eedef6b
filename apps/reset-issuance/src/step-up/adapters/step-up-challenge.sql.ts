import type { NewStepUpChallenge } from '../domain/step-up-challenge';

/** The columns `stepUpChallengeRowSql` gives values for, in its order. */
export const STEP_UP_CHALLENGE_COLUMNS =
  'id, journey_id, legacy_account_id, session_hash, method, reasons, channel_kind, channel_masked, ' +
  'code_hmac, max_attempts, status, created_at, expires_at, redemption_traceparent';

/**
 * A new challenge as the typed values of its row, `bind` making parameters: redemption opens
 * challenges in the statement that spends the link.
 */
export function stepUpChallengeRowSql(
  challenge: NewStepUpChallenge,
  bind: (value: unknown) => string,
): string {
  return [
    `${bind(challenge.id)}::uuid`,
    `${bind(challenge.journeyId)}::uuid`,
    `${bind(challenge.legacyAccountId)}::text`,
    `${bind(challenge.sessionHash)}::bytea`,
    `${bind(challenge.method)}::text`,
    `${bind(challenge.reasons)}::text[]`,
    `${bind(challenge.channel?.kind ?? null)}::text`,
    `${bind(challenge.channel?.masked ?? null)}::text`,
    `${bind(challenge.codeDigest ?? null)}::bytea`,
    `${bind(challenge.maxAttempts)}::integer`,
    `${bind(challenge.status)}::text`,
    `${bind(challenge.createdAt)}::timestamptz`,
    `${bind(challenge.expiresAt)}::timestamptz`,
    `${bind(challenge.redemptionTraceparent ?? null)}::text`,
  ].join(', ');
}
