import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordEnrollmentGrant } from '../../grants/adapters/enrollment-grant-record.sql';
import { changeJourneyIn } from '../../journeys/adapters/journey-rows.sql';
import { journeyStatusListSql } from '../../journeys/adapters/journey-status.sql';
import { JourneyTransitions } from '../../journeys/domain/journey-transitions';
import { enrolmentPolicyOf, type EnrolmentPolicyColumn } from '../../waves/adapters/enrolment-policy-column';
import type { StepUpChallenge } from '../domain/step-up-challenge';
import type { AttemptDecision, StepUpStore } from '../step-up-store.port';

interface ChallengeRow {
  id: string;
  journey_id: string;
  legacy_account_id: string;
  wave_id: string;
  target_account_id: string;
  method: StepUpChallenge['method'];
  reasons: StepUpChallenge['reasons'];
  channel_kind: 'email' | 'sms' | null;
  channel_masked: string | null;
  code_hmac: Buffer | null;
  attempts: number;
  max_attempts: number;
  status: StepUpChallenge['status'];
  expires_at: Date;
  expired: boolean;
  superseded: boolean;
  segment: string;
  segments: string[];
  cutoff_at: Date;
  enrolment_policy: EnrolmentPolicyColumn | null;
  redemption_traceparent: string | null;
}

/**
 * A challenge is over once its journey can no longer pass step-up (a new link was sent) or a newer
 * challenge of the journey exists (that link was redeemed): only the latest one of a journey in
 * step-up counts.
 */
const SUPERSEDED = `(j.status NOT IN (${journeyStatusListSql(JourneyTransitions.step_up_passed.from)}) OR EXISTS (
    SELECT 1 FROM step_up_challenge n WHERE n.journey_id = c.journey_id AND n.created_at > c.created_at))`;

const withJourney = `SELECT c.id, c.journey_id, c.legacy_account_id, j.wave_id, a.target_account_id, c.method,
       c.reasons, c.channel_kind, c.channel_masked, c.code_hmac, c.attempts, c.max_attempts, c.status,
       c.expires_at, c.expires_at <= now() AS expired, ${SUPERSEDED} AS superseded,
       a.segment, a.segments, w.cutoff_at, w.enrolment_policy, c.redemption_traceparent
  FROM step_up_challenge c
  JOIN journey j ON j.id = c.journey_id
  JOIN eligible_account a ON a.legacy_account_id = c.legacy_account_id
  JOIN wave w ON w.id = j.wave_id`;

@Injectable()
export class PgStepUpStore implements StepUpStore {
  constructor(private readonly dataSource: DataSource) {}

  async findBySession(sessionHash: Buffer): Promise<StepUpChallenge | undefined> {
    const rows = (await this.dataSource.query(`${withJourney} WHERE c.session_hash = $1`, [
      sessionHash,
    ])) as ChallengeRow[];
    return rows[0] ? toChallenge(rows[0]) : undefined;
  }

  attempt(
    sessionHash: Buffer,
    decide: (challenge: StepUpChallenge) => Promise<AttemptDecision>,
  ): Promise<AttemptDecision | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [counted] = (await manager.query(
        `UPDATE step_up_challenge c SET attempts = attempts + 1
           FROM journey j
          WHERE c.session_hash = $1 AND c.status = 'pending' AND c.method = 'one_time_passcode'
            AND c.expires_at > now() AND c.attempts < c.max_attempts
            AND j.id = c.journey_id AND NOT ${SUPERSEDED}
        RETURNING c.id`,
        [sessionHash],
      )) as [Array<{ id: string }>, number];
      if (!counted[0]) return undefined;
      const rows = (await manager.query(`${withJourney} WHERE c.id = $1`, [counted[0].id])) as ChallengeRow[];
      const row = rows[0];
      if (!row) return undefined;
      const challenge = toChallenge(row);
      const decision = await decide(challenge);
      if (decision.passed) {
        await manager.query(
          `UPDATE step_up_challenge SET status = 'passed', passed_at = now() WHERE id = $1`,
          [challenge.id],
        );
        // The journey's rules decide its change, in this transaction: the passed challenge, the
        // journey, the grant and the events commit together.
        await changeJourneyIn(manager, challenge.journeyId, (journey) => ({
          journey: decision.journey(journey),
          events: decision.events,
        }));
        await recordEnrollmentGrant(manager, decision.grant);
      } else if (decision.lock) {
        await manager.query(`UPDATE step_up_challenge SET status = 'locked' WHERE id = $1`, [challenge.id]);
      }
      return decision;
    });
  }
}

function toChallenge(row: ChallengeRow): StepUpChallenge {
  return {
    id: row.id,
    journeyId: row.journey_id,
    legacyAccountId: row.legacy_account_id,
    waveId: row.wave_id,
    targetAccountId: row.target_account_id,
    method: row.method,
    reasons: row.reasons,
    ...(row.channel_kind && row.channel_masked
      ? { channel: { kind: row.channel_kind, masked: row.channel_masked } }
      : {}),
    ...(row.code_hmac ? { codeDigest: row.code_hmac } : {}),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    status: row.status,
    expiresAt: row.expires_at,
    expired: row.expired,
    superseded: row.superseded,
    ...(row.redemption_traceparent ? { redemptionTraceparent: row.redemption_traceparent } : {}),
    enrolment: {
      wave: { policy: enrolmentPolicyOf(row.enrolment_policy), cutoffAt: row.cutoff_at },
      account: { segment: row.segment, segments: row.segments },
    },
  };
}
