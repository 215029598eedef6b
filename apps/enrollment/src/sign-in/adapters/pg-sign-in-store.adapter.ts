import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { PasskeyCredential } from '../../passkeys/domain/passkey-credential';
import { recordMethodAdded } from './account-method-rows.sql';
import type { EndedBridge } from '../domain/bridge-expired-event';
import type { AssuranceLevel, SignInMethod } from '../domain/sign-in-rules';
import type {
  FoundPasswordAccount,
  NewSignedInSession,
  SignedInSession,
  SignInAttempt,
  SignInPasskey,
  SignInStore,
} from '../sign-in-store.port';

@Injectable()
export class PgSignInStore implements SignInStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveAttempt(attempt: SignInAttempt): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sign_in_attempt (attempt_hash, csrf_token, expires_at) VALUES ($1, $2, $3)`,
      [attempt.hash, attempt.csrfToken, attempt.expiresAt],
    );
  }

  async findAttempt(hash: Buffer, now: Date): Promise<SignInAttempt | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT csrf_token, expires_at FROM sign_in_attempt WHERE attempt_hash = $1 AND expires_at > $2`,
      [hash, now],
    )) as Array<{ csrf_token: string; expires_at: Date }>;
    const row = rows[0];
    return row ? { hash, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
  }

  async saveChallenge(attemptHash: Buffer, challenge: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE sign_in_attempt SET challenge = $2, challenge_expires_at = $3 WHERE attempt_hash = $1`,
      [attemptHash, challenge, expiresAt],
    );
  }

  async takeChallenge(attemptHash: Buffer, now: Date): Promise<string | undefined> {
    // Cleared in the statement that reads it: of two requests with one challenge, one gets it.
    const [rows] = (await this.dataSource.query(
      `UPDATE sign_in_attempt AS attempt SET challenge = NULL, challenge_expires_at = NULL
         FROM (SELECT attempt_hash, challenge, challenge_expires_at FROM sign_in_attempt
                WHERE attempt_hash = $1 AND challenge IS NOT NULL FOR UPDATE) AS taken
        WHERE attempt.attempt_hash = taken.attempt_hash
        RETURNING taken.challenge, taken.challenge_expires_at`,
      [attemptHash],
    )) as [Array<{ challenge: string; challenge_expires_at: Date }>, number];
    const row = rows[0];
    return row && row.challenge_expires_at > now ? row.challenge : undefined;
  }

  async findPasswordAccount(identifier: string): Promise<FoundPasswordAccount | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT account.legacy_account_id, account.target_account_id, password.password_hash,
              password.bridge_ends_at, totp.confirmed_at IS NOT NULL AS has_totp,
              COALESCE(failure.consecutive_failures, 0) AS consecutive_failures
         FROM migrated_account AS account
         LEFT JOIN password_credential AS password USING (legacy_account_id)
         LEFT JOIN totp_factor AS totp USING (legacy_account_id)
         LEFT JOIN sign_in_failure AS failure USING (legacy_account_id)
        WHERE account.legacy_account_id = $1 OR account.target_account_id = $1
        LIMIT 1`,
      [identifier],
    )) as Array<{
      legacy_account_id: string;
      target_account_id: string;
      password_hash: string | null;
      bridge_ends_at: Date | null;
      has_totp: boolean | null;
      consecutive_failures: number;
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      legacyAccountId: row.legacy_account_id,
      targetAccountId: row.target_account_id,
      ...(row.password_hash ? { passwordHash: row.password_hash } : {}),
      ...(row.bridge_ends_at ? { bridgeEndsAt: row.bridge_ends_at } : {}),
      hasTotp: row.has_totp === true,
      consecutiveFailures: row.consecutive_failures,
    };
  }

  async findPasskey(credentialId: string): Promise<SignInPasskey | undefined> {
    // Only proven passkeys of finished enrolments sign in.
    const rows = (await this.dataSource.query(
      `SELECT passkey.legacy_account_id, account.target_account_id, passkey.public_key, passkey.counter,
              passkey.transports
         FROM passkey_credential AS passkey
         JOIN migrated_account AS account USING (legacy_account_id)
        WHERE passkey.credential_id = $1 AND passkey.proven_at IS NOT NULL`,
      [Buffer.from(credentialId, 'base64url')],
    )) as Array<{
      legacy_account_id: string;
      target_account_id: string;
      public_key: Buffer;
      counter: string;
      transports: string[];
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: credentialId,
      legacyAccountId: row.legacy_account_id,
      targetAccountId: row.target_account_id,
      publicKey: row.public_key,
      counter: Number(row.counter),
      transports: row.transports,
    };
  }

  async recordFailure(legacyAccountId: string, at: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `INSERT INTO sign_in_failure (legacy_account_id, consecutive_failures, last_failed_at) VALUES ($1, 1, $2)
       ON CONFLICT (legacy_account_id) DO UPDATE
         SET consecutive_failures = sign_in_failure.consecutive_failures + 1, last_failed_at = $2
       RETURNING consecutive_failures`,
      [legacyAccountId, at],
    )) as Array<{ consecutive_failures: number }>;
    return rows[0]?.consecutive_failures ?? 1;
  }

  signInWithPasskey(
    use: { credentialId: string; newCounter: number },
    session: NewSignedInSession,
    at: Date,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // The counter only moves forward (0 stays 0 for authenticators that keep none): of two
      // concurrent uses of one assertion, only one counts.
      const [updated] = (await manager.query(
        `UPDATE passkey_credential SET counter = $2, last_used_at = $3
          WHERE credential_id = $1 AND (counter < $2 OR (counter = 0 AND $2 = 0))
          RETURNING credential_id`,
        [Buffer.from(use.credentialId, 'base64url'), use.newCounter, at],
      )) as [unknown[], number];
      if (updated.length === 0) return false;
      await this.startSession(manager, session, at);
      return true;
    });
  }

  async resetFailures(legacyAccountId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_failure WHERE legacy_account_id = $1`, [
      legacyAccountId,
    ]);
  }

  signIn(session: NewSignedInSession, at: Date): Promise<void> {
    return this.dataSource.transaction((manager) => this.startSession(manager, session, at));
  }

  recordBridgeExpired(legacyAccountId: string, event: RekeyEvent): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO bridge_expiry_notice (legacy_account_id, recorded_at) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING legacy_account_id`,
        [legacyAccountId, new Date(event.time)],
      )) as unknown[];
      if (inserted.length === 1) await appendToOutbox(manager, [event]);
    });
  }

  recordEndedBridges(
    now: Date,
    limit: number,
    eventOf: (bridge: EndedBridge) => RekeyEvent,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Locked (SKIP LOCKED) so a second replica takes other accounts; the notice's primary key
      // still decides, should the sign-in path record the same account meanwhile.
      const due = (await manager.query(
        `SELECT account.legacy_account_id, account.target_account_id, password.bridge_ends_at
           FROM migrated_account AS account
           JOIN password_credential AS password USING (legacy_account_id)
          WHERE password.bridge_ends_at <= $1
            AND account.assurance_level = 'aal1'
            AND NOT EXISTS (SELECT 1 FROM bridge_expiry_notice AS notice
                             WHERE notice.legacy_account_id = account.legacy_account_id)
            AND NOT EXISTS (SELECT 1 FROM totp_factor AS totp
                             WHERE totp.legacy_account_id = account.legacy_account_id
                               AND totp.confirmed_at IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM passkey_credential AS passkey
                             WHERE passkey.legacy_account_id = account.legacy_account_id
                               AND passkey.proven_at IS NOT NULL)
          ORDER BY password.bridge_ends_at
          LIMIT $2
          FOR UPDATE OF account SKIP LOCKED`,
        [now, limit],
      )) as Array<{ legacy_account_id: string; target_account_id: string; bridge_ends_at: Date }>;
      if (due.length === 0) return 0;
      const marked = (await manager.query(
        `INSERT INTO bridge_expiry_notice (legacy_account_id, recorded_at)
         SELECT unnest($1::text[]), $2
         ON CONFLICT DO NOTHING RETURNING legacy_account_id`,
        [due.map((row) => row.legacy_account_id), now],
      )) as Array<{ legacy_account_id: string }>;
      const fresh = new Set(marked.map((row) => row.legacy_account_id));
      const events = due
        .filter((row) => fresh.has(row.legacy_account_id))
        .map((row) =>
          eventOf({
            legacyAccountId: row.legacy_account_id,
            targetAccountId: row.target_account_id,
            bridgeEndedAt: row.bridge_ends_at,
          }),
        );
      if (events.length > 0) await appendToOutbox(manager, events);
      return due.length;
    });
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    let deleted = 0;
    for (const [table, key] of [
      ['sign_in_attempt', 'attempt_hash'],
      ['signed_in_session', 'session_hash'],
    ] as const) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE expires_at < $1 LIMIT $2)`,
        [now, limit],
      )) as [unknown, number];
      deleted += count;
    }
    return deleted;
  }

  async findSession(hash: Buffer, now: Date): Promise<SignedInSession | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT session.legacy_account_id, account.target_account_id, session.csrf_token,
              session.assurance_level, session.methods, session.expires_at, password.bridge_ends_at
         FROM signed_in_session AS session
         JOIN migrated_account AS account USING (legacy_account_id)
         LEFT JOIN password_credential AS password USING (legacy_account_id)
        WHERE session.session_hash = $1 AND session.expires_at > $2`,
      [hash, now],
    )) as Array<{
      legacy_account_id: string;
      target_account_id: string;
      csrf_token: string;
      assurance_level: AssuranceLevel;
      methods: SignInMethod[];
      expires_at: Date;
      bridge_ends_at: Date | null;
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      hash,
      legacyAccountId: row.legacy_account_id,
      targetAccountId: row.target_account_id,
      csrfToken: row.csrf_token,
      assuranceLevel: row.assurance_level,
      methods: row.methods,
      expiresAt: row.expires_at,
      ...(row.bridge_ends_at ? { bridgeEndsAt: row.bridge_ends_at } : {}),
    };
  }

  async saveSessionChallenge(sessionHash: Buffer, challenge: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE signed_in_session SET challenge = $2, challenge_expires_at = $3 WHERE session_hash = $1`,
      [sessionHash, challenge, expiresAt],
    );
  }

  async takeSessionChallenge(sessionHash: Buffer, now: Date): Promise<string | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE signed_in_session AS session SET challenge = NULL, challenge_expires_at = NULL
         FROM (SELECT session_hash, challenge, challenge_expires_at FROM signed_in_session
                WHERE session_hash = $1 AND challenge IS NOT NULL FOR UPDATE) AS taken
        WHERE session.session_hash = taken.session_hash
        RETURNING taken.challenge, taken.challenge_expires_at`,
      [sessionHash],
    )) as [Array<{ challenge: string; challenge_expires_at: Date }>, number];
    const row = rows[0];
    return row && row.challenge_expires_at > now ? row.challenge : undefined;
  }

  addPasskey(credential: PasskeyCredential, event: RekeyEvent): Promise<'added' | 'taken'> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO passkey_credential (credential_id, legacy_account_id, user_handle, public_key, counter,
           transports, device_type, backup_eligible, backed_up, aaguid, created_at, proven_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, NULL)
         ON CONFLICT (credential_id) DO NOTHING RETURNING credential_id`,
        [
          Buffer.from(credential.id, 'base64url'),
          credential.legacyAccountId,
          credential.userHandle,
          credential.publicKey,
          credential.counter,
          credential.transports,
          credential.deviceType,
          credential.backupEligible,
          credential.backedUp,
          credential.aaguid,
          credential.createdAt,
        ],
      )) as unknown[];
      if (inserted.length === 0) return 'taken';
      await recordMethodAdded(manager, {
        legacyAccountId: credential.legacyAccountId,
        method: 'passkey',
        phishingResistant: true,
        event,
        at: credential.createdAt,
      });
      return 'added';
    });
  }

  /** A success resets the consecutive failures (and so lifts a lockout) with the new session. */
  private async startSession(manager: EntityManager, session: NewSignedInSession, at: Date): Promise<void> {
    await manager.query(`DELETE FROM sign_in_failure WHERE legacy_account_id = $1`, [
      session.legacyAccountId,
    ]);
    await manager.query(
      `INSERT INTO signed_in_session
         (session_hash, legacy_account_id, csrf_token, assurance_level, methods, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        session.hash,
        session.legacyAccountId,
        session.csrfToken,
        session.assuranceLevel,
        session.methods,
        at,
        session.expiresAt,
      ],
    );
  }
}
