import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually } from '@rekey/testing';
import { DataSource } from 'typeorm';
import { draftOf } from '../chain/domain/record-draft';
import { appendRecords } from '../recording/append-records';
import { aHoldPlaced, aTraceparent, startAudit, type AuditUnderTest } from './audit.fixture';

/** 20 records sealed by one checkpoint, then 5 unsealed ones. */
async function sealedLog(label: string): Promise<AuditUnderTest> {
  const audit = await startAudit(label, {
    AUDIT_CHECKPOINT_EVERY_RECORDS: '20',
    AUDIT_CHECKPOINT_EVERY_SECONDS: '3600',
  });
  const dataSource = audit.service.app.get(DataSource);
  const append = (count: number) =>
    dataSource.transaction((manager) =>
      appendRecords(
        manager,
        Array.from({ length: count }, () => draftOf(aHoldPlaced(), aTraceparent())),
        new Date(),
      ),
    );
  await append(20);
  await eventually(async () => {
    const { rows } = await audit.db.query('SELECT 1 FROM audit_checkpoint');
    return rows.length > 0 ? true : undefined;
  });
  await append(5);
  return audit;
}

interface Report {
  valid: boolean;
  records: number;
  checkpoints: number;
  unsealedRecords: number;
  firstProblem: { sequence: number; kind: string; expectedHash?: string; actualHash?: string } | null;
}

describe('verification names the first tampered record', () => {
  let token: string;

  beforeAll(async () => {
    token = await mintOperatorToken({
      subject: 'auditor@example.com',
      scopes: ['audit:read'],
      ttlSeconds: 600,
    });
  });

  async function tamperAndVerify(label: string, ...statements: string[]): Promise<Report> {
    const audit = await sealedLog(label);
    try {
      const client = await audit.admin.connect();
      try {
        // The superuser, with triggers off: what the log must survive being found out about.
        await client.query('SET session_replication_role = replica');
        for (const statement of statements) await client.query(statement);
      } finally {
        client.release();
      }
      const response = await fetch(`${audit.url}/operator/audit/verification`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Report;
    } finally {
      await audit.stop();
    }
  }

  it('finds an intact log valid, with its unsealed tail', async () => {
    const report = await tamperAndVerify('audit_tamper_none');
    expect(report).toMatchObject({ valid: true, checkpoints: 1, firstProblem: null });
    // The 5 appended after the checkpoint, and maybe the checkpoint-sealed event come back.
    expect(report.records).toBeGreaterThanOrEqual(25);
    expect(report.unsealedRecords).toBe(report.records - 20);
  });

  it('names an edited record, with the hash it should have and the one it has', async () => {
    const report = await tamperAndVerify(
      'audit_tamper_edit',
      `UPDATE audit_record SET data = jsonb_set(data, '{reason}', '"nothing happened"') WHERE sequence = 5`,
    );
    expect(report.valid).toBe(false);
    expect(report.firstProblem).toMatchObject({ sequence: 5, kind: 'altered' });
    expect(report.firstProblem!.expectedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.firstProblem!.expectedHash).not.toBe(report.firstProblem!.actualHash);
  });

  it('names a deleted record as missing', async () => {
    const report = await tamperAndVerify(
      'audit_tamper_delete',
      'DELETE FROM audit_record WHERE sequence = 7',
    );
    expect(report.firstProblem).toMatchObject({ sequence: 7, kind: 'missing' });
  });

  it('names two swapped records as reordered', async () => {
    const report = await tamperAndVerify(
      'audit_tamper_swap',
      'UPDATE audit_record SET sequence = 1000000 WHERE sequence = 3',
      'UPDATE audit_record SET sequence = 3 WHERE sequence = 4',
      'UPDATE audit_record SET sequence = 4 WHERE sequence = 1000000',
    );
    expect(report.firstProblem).toMatchObject({ sequence: 3, kind: 'reordered' });
  });

  it('names a truncated tail: records the checkpoint sealed are gone', async () => {
    const report = await tamperAndVerify(
      'audit_tamper_truncate',
      'DELETE FROM audit_record WHERE sequence > 15',
    );
    expect(report.firstProblem).toMatchObject({ sequence: 16, kind: 'truncated' });
  });

  it('reports a checkpoint whose signature does not verify', async () => {
    const report = await tamperAndVerify(
      'audit_tamper_signature',
      `UPDATE audit_checkpoint SET signature = set_byte(signature, 0, (get_byte(signature, 0) + 1) % 256)`,
    );
    expect(report.firstProblem).toMatchObject({ sequence: 20, kind: 'checkpoint-signature' });
  });
});
