import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** "Has this legacy account moved?" Unknown accounts are simply not migrated. */
export interface AccountMigrationAnswer {
  legacyAccountId: string;
  migrated: boolean;
  targetAccountId?: string;
  migratedAt?: string;
  legacySessionsRevokedAt?: string;
}

/** "Is this legacy session revoked?" `known` says whether the inventory has it at all. */
export interface SessionRevocationAnswer {
  sessionId: string;
  known: boolean;
  revoked: boolean;
  legacyAccountId?: string;
  revokedAt?: string;
}

interface MigrationRow {
  legacy_account_id: string;
  target_account_id: string;
  done_at: Date;
  sessions_revoked_at: Date | null;
}

interface SessionRow {
  session_id: string;
  legacy_account_id: string;
  revoked_at: Date | null;
}

/**
 * The check API's reads, for downstream applications: one query per kind of id however many ids
 * are asked (`= ANY($1)`, each an indexed read), answered in the order asked. A downstream
 * benchmark expects thousands of checks a second, so nothing here is per id.
 */
@Injectable()
export class RevocationCheckQueries {
  constructor(private readonly dataSource: DataSource) {}

  async migrations(legacyAccountIds: readonly string[]): Promise<AccountMigrationAnswer[]> {
    if (legacyAccountIds.length === 0) return [];
    // The latest done revocation of each account (a later link may have moved it again).
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (legacy_account_id) legacy_account_id, target_account_id, done_at, sessions_revoked_at
         FROM legacy_revocation WHERE state = 'done' AND legacy_account_id = ANY($1::text[])
        ORDER BY legacy_account_id, done_at DESC`,
      [legacyAccountIds],
    )) as MigrationRow[];
    const byAccount = new Map(rows.map((row) => [row.legacy_account_id, row]));
    return legacyAccountIds.map((legacyAccountId) =>
      migrationAnswer(legacyAccountId, byAccount.get(legacyAccountId)),
    );
  }

  async sessions(sessionIds: readonly string[]): Promise<SessionRevocationAnswer[]> {
    if (sessionIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT session_id, legacy_account_id, revoked_at FROM legacy_session WHERE session_id = ANY($1::text[])`,
      [sessionIds],
    )) as SessionRow[];
    const byId = new Map(rows.map((row) => [row.session_id, row]));
    return sessionIds.map((sessionId) => sessionAnswer(sessionId, byId.get(sessionId)));
  }
}

export function migrationAnswer(
  legacyAccountId: string,
  row: MigrationRow | undefined,
): AccountMigrationAnswer {
  if (!row) return { legacyAccountId, migrated: false };
  return {
    legacyAccountId,
    migrated: true,
    targetAccountId: row.target_account_id,
    migratedAt: row.done_at.toISOString(),
    ...(row.sessions_revoked_at ? { legacySessionsRevokedAt: row.sessions_revoked_at.toISOString() } : {}),
  };
}

export function sessionAnswer(sessionId: string, row: SessionRow | undefined): SessionRevocationAnswer {
  if (!row) return { sessionId, known: false, revoked: false };
  return {
    sessionId,
    known: true,
    revoked: row.revoked_at !== null,
    legacyAccountId: row.legacy_account_id,
    ...(row.revoked_at ? { revokedAt: row.revoked_at.toISOString() } : {}),
  };
}
