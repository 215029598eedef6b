import { Injectable } from '@nestjs/common';
import type { AssuranceLevel } from '@rekey/contracts';
import { DataSource } from 'typeorm';
import type { EnrolledMethod } from '../../enrolments/domain/enrolment';
import {
  enrolmentColumns,
  toEnrolment,
  type EnrolmentRow,
} from '../../enrolments/adapters/enrolment-rows.sql';
import type { AccountEnrolmentReport, WaveEnrolmentTally } from '../domain/enrolment-report';
import type { EnrolmentReports } from '../enrolment-reports.port';

interface ReportRow extends EnrolmentRow {
  enrolled_at: Date | null;
  methods: EnrolledMethod[] | null;
  assurance_level: AssuranceLevel | null;
  phishing_resistant: boolean | null;
}

interface PasskeyRow {
  created_at: Date;
  proven_at: Date | null;
  last_used_at: Date | null;
  backup_eligible: boolean;
  backed_up: boolean;
  aaguid: string;
  transports: string[];
}

@Injectable()
export class PgEnrolmentReports implements EnrolmentReports {
  constructor(private readonly dataSource: DataSource) {}

  async ofAccount(legacyAccountId: string): Promise<AccountEnrolmentReport | undefined> {
    // The migrated account's methods are the account's, whichever journey enrolled them.
    const rows = (await this.dataSource.query(
      `SELECT ${enrolmentColumns('e')}, e.enrolled_at, m.methods, m.assurance_level, m.phishing_resistant
         FROM enrolment e LEFT JOIN migrated_account m ON m.legacy_account_id = e.legacy_account_id
        WHERE e.legacy_account_id = $1
        ORDER BY e.started_at DESC LIMIT 1`,
      [legacyAccountId],
    )) as ReportRow[];
    const row = rows[0];
    if (!row) return undefined;
    const passkeys = (await this.dataSource.query(
      `SELECT created_at, proven_at, last_used_at, backup_eligible, backed_up, aaguid, transports
         FROM passkey_credential WHERE legacy_account_id = $1 ORDER BY created_at`,
      [legacyAccountId],
    )) as PasskeyRow[];
    // The journey's trace context is for spans, not part of what an operator is shown.
    const { journeyTraceparent: _journeyTrace, ...enrolment } = toEnrolment(row);
    return {
      ...enrolment,
      methods: row.methods ?? [],
      ...(row.assurance_level ? { assuranceLevel: row.assurance_level } : {}),
      phishingResistant: row.phishing_resistant ?? false,
      ...(row.enrolled_at ? { enrolledAt: row.enrolled_at } : {}),
      passkeys: passkeys.map((passkey) => ({
        createdAt: passkey.created_at,
        ...(passkey.proven_at ? { provenAt: passkey.proven_at } : {}),
        ...(passkey.last_used_at ? { lastUsedAt: passkey.last_used_at } : {}),
        backupEligible: passkey.backup_eligible,
        backedUp: passkey.backed_up,
        aaguid: passkey.aaguid,
        transports: passkey.transports,
      })),
    };
  }

  async ofWave(waveId: string): Promise<WaveEnrolmentTally> {
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS started, count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled
         FROM enrolment WHERE wave_id = $1`,
      [waveId],
    )) as Array<{ started: number; enrolled: number }>;
    const groups = (await this.dataSource.query(
      `SELECT methods, assurance_level, count(*)::int AS accounts
         FROM migrated_account WHERE wave_id = $1
        GROUP BY methods, assurance_level ORDER BY accounts DESC, assurance_level DESC`,
      [waveId],
    )) as Array<{ methods: EnrolledMethod[]; assurance_level: AssuranceLevel; accounts: number }>;
    return {
      waveId,
      started: counts?.started ?? 0,
      enrolled: counts?.enrolled ?? 0,
      byMethodsAndLevel: groups.map((group) => ({
        methods: group.methods,
        assuranceLevel: group.assurance_level,
        accounts: group.accounts,
      })),
    };
  }
}
