import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import type { Enrolment } from '../../enrolments/domain/enrolment';
import { finishEnrolmentIn } from '../../enrolments/adapters/finish-enrolment.sql';
import type { CeremonyPurpose, PasskeyCredential } from '../domain/passkey-credential';
import type { PasskeyStore, ProvenPasskey, RegistrationResult } from '../passkey-store.port';

interface CredentialRow {
  credential_id: Buffer;
  legacy_account_id: string;
  user_handle: Buffer;
  public_key: Buffer;
  counter: string;
  transports: string[];
  device_type: PasskeyCredential['deviceType'];
  backup_eligible: boolean;
  backed_up: boolean;
  aaguid: string;
  created_at: Date;
  proven_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = `credential_id, legacy_account_id, user_handle, public_key, counter, transports, device_type,
  backup_eligible, backed_up, aaguid, created_at, proven_at, last_used_at`;

@Injectable()
export class PgPasskeyStore implements PasskeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async credentialsOf(legacyAccountId: string): Promise<PasskeyCredential[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM passkey_credential WHERE legacy_account_id = $1 ORDER BY created_at`,
      [legacyAccountId],
    )) as CredentialRow[];
    return rows.map(toCredential);
  }

  async find(credentialId: string): Promise<PasskeyCredential | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM passkey_credential WHERE credential_id = $1`,
      [Buffer.from(credentialId, 'base64url')],
    )) as CredentialRow[];
    return rows[0] ? toCredential(rows[0]) : undefined;
  }

  async userHandleOf(legacyAccountId: string): Promise<Buffer | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT user_handle FROM passkey_credential WHERE legacy_account_id = $1 LIMIT 1`,
      [legacyAccountId],
    )) as Array<{ user_handle: Buffer }>;
    return rows[0]?.user_handle;
  }

  async saveChallenge(sessionHash: Buffer, purpose: CeremonyPurpose, challenge: string, expiresAt: Date) {
    await this.dataSource.query(
      `INSERT INTO webauthn_challenge (session_hash, purpose, challenge, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_hash, purpose) DO UPDATE SET challenge = EXCLUDED.challenge, expires_at = EXCLUDED.expires_at`,
      [sessionHash, purpose, challenge, expiresAt],
    );
  }

  async takeChallenge(sessionHash: Buffer, purpose: CeremonyPurpose, now: Date): Promise<string | undefined> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM webauthn_challenge WHERE session_hash = $1 AND purpose = $2 RETURNING challenge, expires_at`,
      [sessionHash, purpose],
    )) as [Array<{ challenge: string; expires_at: Date }>, number];
    const row = rows[0];
    return row && row.expires_at > now ? row.challenge : undefined;
  }

  register(enrolment: Enrolment, credential: PasskeyCredential): Promise<RegistrationResult> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO passkey_credential (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL)
         ON CONFLICT (credential_id) DO NOTHING RETURNING legacy_account_id`,
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
      if (inserted.length === 0) {
        const owner = (await manager.query(
          `SELECT legacy_account_id FROM passkey_credential WHERE credential_id = $1`,
          [Buffer.from(credential.id, 'base64url')],
        )) as Array<{ legacy_account_id: string }>;
        const ownerId = owner[0]?.legacy_account_id;
        if (ownerId !== undefined && ownerId !== credential.legacyAccountId) {
          return { kind: 'bound_elsewhere', legacyAccountId: ownerId };
        }
        return { kind: 'already_registered' };
      }
      await manager.query(
        `UPDATE enrolment SET status = 'credential_registered' WHERE journey_id = $1 AND status = 'started'`,
        [enrolment.journeyId],
      );
      return { kind: 'registered' };
    });
  }

  prove(enrolment: Enrolment, proof: ProvenPasskey, events: RekeyEvent[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // The counter only moves forward: two concurrent uses of one assertion cannot both count.
      const [updated] = (await manager.query(
        `UPDATE passkey_credential
            SET counter = $2, last_used_at = $3, proven_at = COALESCE(proven_at, $3)
          WHERE credential_id = $1 AND (counter < $2 OR (counter = 0 AND $2 = 0))
          RETURNING credential_id`,
        [Buffer.from(proof.credentialId, 'base64url'), proof.newCounter, proof.usedAt],
      )) as [unknown[], number];
      if (updated.length === 0) return false;
      const finished = await finishEnrolmentIn(manager, enrolment, {
        methods: ['passkey'],
        assurance: { level: 'aal2', phishingResistant: true },
        at: proof.usedAt,
      });
      if (finished) await appendToOutbox(manager, events);
      return true;
    });
  }
}

function toCredential(row: CredentialRow): PasskeyCredential {
  return {
    id: row.credential_id.toString('base64url'),
    legacyAccountId: row.legacy_account_id,
    userHandle: row.user_handle,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports,
    deviceType: row.device_type,
    backupEligible: row.backup_eligible,
    backedUp: row.backed_up,
    aaguid: row.aaguid,
    createdAt: row.created_at,
    ...(row.proven_at ? { provenAt: row.proven_at } : {}),
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
  };
}
