import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainedRecord } from './domain/audit-record';
import type { SealedCheckpoint } from '../checkpoints/domain/checkpoint';
import { CHAIN_NAME } from '../checkpoints/domain/checkpoint';

const RECORD_COLUMNS = `sequence, event_id, event_type, source, subject, journey_id, correlation_id, causation_id,
  occurred_at, recorded_at, actor_subject, actor_role, trace_id, data, prev_hash, hash`;

/** Reads records and checkpoints back as the chain defines them, by keyset pages. */
@Injectable()
export class AuditLogReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` records after `after`, in sequence order; `where` narrows them (its parameters from $3). */
  async page(after: number, limit: number, where = '', parameters: unknown[] = []): Promise<ChainedRecord[]> {
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM audit_record WHERE sequence > $1 ${where ? `AND (${where})` : ''}
       ORDER BY sequence LIMIT $2`,
      [after, limit, ...parameters],
    );
    return rows.map(recordOf);
  }

  async checkpoints(): Promise<SealedCheckpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT checkpoint_id, first_sequence, last_sequence, record_count, root_hash, key_id, signature, sealed_at
       FROM audit_checkpoint ORDER BY last_sequence`,
    );
    return rows.map(checkpointOf);
  }
}

interface RecordRow {
  sequence: string;
  event_id: string;
  event_type: string;
  source: string;
  subject: string;
  journey_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  actor_subject: string | null;
  actor_role: string | null;
  trace_id: string | null;
  data: unknown;
  prev_hash: Buffer;
  hash: Buffer;
}

interface CheckpointRow {
  checkpoint_id: string;
  first_sequence: string;
  last_sequence: string;
  record_count: string;
  root_hash: Buffer;
  key_id: string;
  signature: Buffer;
  sealed_at: Date;
}

export function recordOf(row: RecordRow): ChainedRecord {
  return {
    sequence: Number(row.sequence),
    eventId: row.event_id,
    type: row.event_type,
    source: row.source,
    subject: row.subject,
    journeyId: row.journey_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    actor: row.actor_subject !== null ? { subject: row.actor_subject, role: row.actor_role ?? '' } : null,
    traceId: row.trace_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function checkpointOf(row: CheckpointRow): SealedCheckpoint {
  return {
    chain: CHAIN_NAME,
    checkpointId: row.checkpoint_id,
    firstSequence: Number(row.first_sequence),
    lastSequence: Number(row.last_sequence),
    recordCount: Number(row.record_count),
    rootHash: row.root_hash.toString('hex'),
    sealedAt: row.sealed_at.toISOString(),
    signatureKeyId: row.key_id,
    signature: row.signature.toString('base64url'),
  };
}
