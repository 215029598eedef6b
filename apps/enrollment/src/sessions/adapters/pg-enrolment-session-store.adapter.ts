import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrantSubject, GrantEnrolmentPolicy } from '@rekey/enrollment-grant';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import type { Enrolment } from '../../enrolments/domain/enrolment';
import {
  enrolmentColumns,
  toEnrolment,
  type EnrolmentRow,
} from '../../enrolments/adapters/enrolment-rows.sql';
import type { EnrolmentSession } from '../domain/enrolment-session';
import type {
  EnrolmentSessionStore,
  OpenedSession,
  SessionWithEnrolment,
} from '../enrolment-session-store.port';

interface SessionRow extends EnrolmentRow {
  session_hash: Buffer;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
}

@Injectable()
export class PgEnrolmentSessionStore implements EnrolmentSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  open(
    subject: EnrollmentGrantSubject,
    policy: GrantEnrolmentPolicy,
    session: EnrolmentSession,
    startedEvents: (enrolment: Enrolment) => RekeyEvent[],
  ): Promise<OpenedSession> {
    return this.dataSource.transaction(async (manager) => {
      // A second grant of the journey (the customer redeemed a new link) reopens the same enrolment.
      const inserted = (await manager.query(
        `INSERT INTO enrolment (journey_id, legacy_account_id, target_account_id, wave_id, status,
                                minimum_assurance, password_bridge_ends_at, started_at,
                                journey_traceparent)
         VALUES ($1, $2, $3, $4, 'started', $5, $6, $7, $8)
         ON CONFLICT (journey_id) DO NOTHING
         RETURNING ${enrolmentColumns()}`,
        [
          subject.journeyId,
          subject.legacyAccountId,
          subject.targetAccountId,
          subject.waveId,
          policy.minimumAssurance,
          policy.passwordBridgeEndsAt,
          session.createdAt,
          subject.traceparent ?? null,
        ],
      )) as EnrolmentRow[];
      let enrolment: Enrolment;
      if (inserted[0]) {
        enrolment = toEnrolment(inserted[0]);
        await appendToOutbox(manager, startedEvents(enrolment));
      } else {
        // The journey continues in the trace of the redemption that led here: the latest grant's.
        const [rows] = (await manager.query(
          `UPDATE enrolment SET journey_traceparent = COALESCE($2, journey_traceparent)
            WHERE journey_id = $1
            RETURNING ${enrolmentColumns()}`,
          [subject.journeyId, subject.traceparent ?? null],
        )) as [EnrolmentRow[], number];
        const row = rows[0];
        if (!row) throw new Error(`enrolment ${subject.journeyId} vanished while its session opened`);
        enrolment = toEnrolment(row);
      }
      await manager.query(
        `INSERT INTO customer_session (session_hash, journey_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [session.hash, subject.journeyId, session.csrfToken, session.createdAt, session.expiresAt],
      );
      return { enrolment, started: inserted.length > 0 };
    });
  }

  async find(sessionHash: Buffer, now: Date): Promise<SessionWithEnrolment | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT s.session_hash, s.csrf_token, s.created_at, s.expires_at, ${enrolmentColumns('e')}
         FROM customer_session s JOIN enrolment e ON e.journey_id = s.journey_id
        WHERE s.session_hash = $1 AND s.expires_at > $2`,
      [sessionHash, now],
    )) as SessionRow[];
    const row = rows[0];
    if (!row) return undefined;
    return {
      session: {
        hash: row.session_hash,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      },
      enrolment: toEnrolment(row),
    };
  }

  async deleteExpired(now: Date): Promise<number> {
    const [, deleted] = (await this.dataSource.query(`DELETE FROM customer_session WHERE expires_at <= $1`, [
      now,
    ])) as [unknown, number];
    return deleted;
  }
}
