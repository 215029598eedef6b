import { sign } from 'node:crypto';
import { AuditCheckpointSealedV1, createEvent, uuidV7 } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CHAIN_NAME,
  CHECKPOINT_SEALED_TYPE,
  isSealDue,
  signedBytes,
  type SealedCheckpoint,
  type SealingPolicy,
  type SealingState,
} from './domain/checkpoint';
import type { CheckpointSigningKey } from './signing-key';

// Separate from the chain lock: sealing never holds up appends.
const SEALING_LOCK = 0x7365616c; // "seal"

/**
 * Seals the chain head when the policy says so: signs it, stores the checkpoint and outboxes
 * checkpoint-sealed in one transaction. Replicas take turns on an advisory lock, and the
 * checkpoint table's unique first_sequence refuses a second seal of the same range.
 */
export class SealCheckpoint {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: CheckpointSigningKey,
    private readonly policy: SealingPolicy,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(): Promise<SealedCheckpoint | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked: Array<{ locked: boolean }> = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [SEALING_LOCK],
      );
      if (!locked[0]?.locked) return null;
      const now = this.clock();
      const state = await readSealingState(manager);
      if (!isSealDue(state.sealing, this.policy, now)) return null;
      const checkpoint = this.sign(state.sealing.sealedThrough + 1, state.head, now);
      await manager.query(
        `INSERT INTO audit_checkpoint
           (checkpoint_id, first_sequence, last_sequence, record_count, root_hash, key_id, signature, sealed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          checkpoint.checkpointId,
          checkpoint.firstSequence,
          checkpoint.lastSequence,
          checkpoint.recordCount,
          state.head.hash,
          checkpoint.signatureKeyId,
          Buffer.from(checkpoint.signature, 'base64url'),
          checkpoint.sealedAt,
        ],
      );
      const { chain: _chain, ...data } = checkpoint;
      await appendToOutbox(manager, [
        createEvent(AuditCheckpointSealedV1, data, { source: 'audit', subject: CHAIN_NAME }, () => now),
      ]);
      return checkpoint;
    });
  }

  private sign(firstSequence: number, head: { sequence: number; hash: Buffer }, now: Date): SealedCheckpoint {
    const payload = {
      chain: CHAIN_NAME,
      checkpointId: uuidV7(now.getTime()),
      firstSequence,
      lastSequence: head.sequence,
      recordCount: head.sequence - firstSequence + 1,
      rootHash: head.hash.toString('hex'),
      sealedAt: now.toISOString(),
      signatureKeyId: this.key.kid,
    } as const;
    const signature = sign(null, signedBytes(payload), this.key.privateKey).toString('base64url');
    return { ...payload, signature };
  }
}

async function readSealingState(
  manager: EntityManager,
): Promise<{ sealing: SealingState; head: { sequence: number; hash: Buffer } }> {
  const [last]: Array<{ last_sequence: string; sealed_at: Date }> = await manager.query(
    'SELECT last_sequence, sealed_at FROM audit_checkpoint ORDER BY last_sequence DESC LIMIT 1',
  );
  const sealedThrough = last ? Number(last.last_sequence) : 0;
  const [head]: Array<{ sequence: string; hash: Buffer }> = await manager.query(
    'SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1',
  );
  const [activity]: Array<{ recorded_at: Date }> = await manager.query(
    `SELECT recorded_at FROM audit_record WHERE sequence > $1 AND event_type <> $2 ORDER BY sequence LIMIT 1`,
    [sealedThrough, CHECKPOINT_SEALED_TYPE],
  );
  return {
    head: head
      ? { sequence: Number(head.sequence), hash: head.hash }
      : { sequence: 0, hash: Buffer.alloc(32) },
    sealing: {
      headSequence: head ? Number(head.sequence) : 0,
      sealedThrough,
      lastSealedAt: last?.sealed_at ?? null,
      hasNewActivity: activity !== undefined,
      oldestUnsealedAt: activity?.recorded_at ?? null,
    },
  };
}
