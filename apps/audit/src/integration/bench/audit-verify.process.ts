/**
 * Audit verification benchmark: N records (AUDIT_BENCH_RECORDS, default 1,000,000) appended
 * straight through the append adapter (10,000 a transaction), sealed by checkpoints, then the
 * whole chain verified as GET /operator/audit/verification does: keyset pages of 10,000 rows,
 * every body canonicalised and hashed, every checkpoint's signature checked.
 * Run as `node audit-verify.process.js`; prints its figures as JSON on stdout.
 */
import { progress, runAsBenchProcess, secondsSince, type Metric } from '@rekey/benchmarking';
import { DataSource } from 'typeorm';
import { draftOf } from '../../chain/domain/record-draft';
import { CheckpointSealer } from '../../checkpoints/checkpoint-sealer';
import { appendRecords } from '../../recording/append-records';
import { VerifyChain } from '../../verification/verify-chain';
import { aHoldPlaced, aTraceparent, startAudit } from '../audit.fixture';

const records = Number(process.env['AUDIT_BENCH_RECORDS'] ?? 1_000_000);

async function measure(): Promise<Metric[]> {
  const audit = await startAudit('bench_audit_verify', {
    AUDIT_CHECKPOINT_EVERY_RECORDS: '100000',
    AUDIT_CHECKPOINT_EVERY_SECONDS: '3600',
    LOG_LEVEL: 'warn',
  });
  try {
    const dataSource = audit.service.app.get(DataSource);
    const seeding = performance.now();
    for (let done = 0; done < records; done += 10_000) {
      const drafts = Array.from({ length: Math.min(10_000, records - done) }, () =>
        draftOf(aHoldPlaced(), aTraceparent()),
      );
      await dataSource.transaction((manager) => appendRecords(manager, drafts, new Date()));
      if (done % 100_000 === 0) progress('audit', `${done} records appended`);
    }
    const appendSeconds = secondsSince(seeding);
    await audit.service.app.get(CheckpointSealer).seal.execute();
    await audit.db.query('VACUUM ANALYZE audit_record').catch(() => undefined);
    const started = performance.now();
    const report = await audit.service.app.get(VerifyChain).execute();
    const seconds = secondsSince(started);
    if (!report.valid || report.records < records)
      throw new Error(`verification failed: ${JSON.stringify(report)}`);
    return [
      {
        metric: 'audit.verify_1m_s',
        value: Number(((seconds * 1_000_000) / records).toFixed(2)),
        unit: 's',
        target: '<= 10',
      },
      {
        metric: 'audit.direct_appends_per_s',
        value: Math.round(records / appendSeconds),
        unit: 'appends/s',
        target: 'reported',
      },
    ];
  } finally {
    await audit.stop();
  }
}

runAsBenchProcess(measure);
