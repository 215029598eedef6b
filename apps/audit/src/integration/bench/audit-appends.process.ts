/**
 * Audit append benchmark: N events (AUDIT_BENCH_EVENTS, default 100,000) published to the reset
 * topic first, then the audit service started in this process drains them through the real
 * recording path (Kafka, decoding and schema checks, inbox, chain lock, hashing, one multi-row
 * insert per batch). Appends per second are counted from the first record's recorded_at to the
 * last, so the consumer group's first join is left out; the wall time with it is reported beside.
 * Run as `node audit-appends.process.js`; prints its figures as JSON on stdout.
 */
import { progress, runAsBenchProcess, secondsSince, type Metric } from '@rekey/benchmarking';
import { aHoldPlaced, startAudit } from '../audit.fixture';

const events = Number(process.env['AUDIT_BENCH_EVENTS'] ?? 100_000);

async function measure(): Promise<Metric[]> {
  const audit = await startAudit('bench_audit_appends', {
    AUDIT_CHECKPOINT_EVERY_RECORDS: '10000',
    AUDIT_CHECKPOINT_EVERY_SECONDS: '60',
    LOG_LEVEL: 'warn',
  });
  try {
    // 500 a request: the broker refuses a produce request above its message.max.bytes.
    for (let sent = 0; sent < events; sent += 500) {
      await audit.publish(Array.from({ length: Math.min(500, events - sent) }, () => aHoldPlaced()));
    }
    progress('audit', `${events} events published; waiting for the log`);
    const started = performance.now();
    for (;;) {
      const { rows } = await audit.db.query<{ count: string }>(
        `SELECT count(*) FROM audit_record WHERE event_type <> 'rekey.audit.checkpoint-sealed.v1'`,
      );
      if (Number(rows[0]!.count) >= events) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const wall = secondsSince(started);
    const { rows } = await audit.db.query<{ seconds: number }>(
      `SELECT extract(epoch FROM max(recorded_at) - min(recorded_at))::float8 AS seconds FROM audit_record`,
    );
    const seconds = Math.max(rows[0]!.seconds, 0.001);
    return [
      {
        metric: 'audit.appends_per_s',
        value: Math.round(events / seconds),
        unit: 'appends/s',
        target: '>= 10000',
      },
      { metric: 'audit.appends_wall_s', value: Number(wall.toFixed(2)), unit: 's', target: 'reported' },
    ];
  } finally {
    await audit.stop();
  }
}

runAsBenchProcess(measure);
