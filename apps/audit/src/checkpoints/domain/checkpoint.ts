import { canonicalize } from 'json-canonicalize';

/** The one chain's name: the checkpoint event's subject and part of every signed payload. */
export const CHAIN_NAME = 'audit-log';

export const CHECKPOINT_SEALED_TYPE = 'rekey.audit.checkpoint-sealed.v1';

/**
 * What a checkpoint signs. The signature covers the RFC 8785 (JCS) serialisation of exactly these
 * fields, UTF-8: a verifier rebuilds it from the checkpoint-sealed event or an evidence export.
 */
export interface CheckpointPayload {
  chain: typeof CHAIN_NAME;
  checkpointId: string;
  firstSequence: number;
  lastSequence: number;
  recordCount: number;
  /** Hex SHA-256 of the record at lastSequence, which chains every record before it. */
  rootHash: string;
  sealedAt: string;
  signatureKeyId: string;
}

export interface SealedCheckpoint extends CheckpointPayload {
  /** Ed25519 over signedBytes(payload), base64url. */
  signature: string;
}

export function signedBytes(payload: CheckpointPayload): Buffer {
  const fields: CheckpointPayload = {
    chain: payload.chain,
    checkpointId: payload.checkpointId,
    firstSequence: payload.firstSequence,
    lastSequence: payload.lastSequence,
    recordCount: payload.recordCount,
    rootHash: payload.rootHash,
    sealedAt: payload.sealedAt,
    signatureKeyId: payload.signatureKeyId,
  };
  return Buffer.from(canonicalize(fields), 'utf8');
}

export interface SealingPolicy {
  everyRecords: number;
  everySeconds: number;
}

/** Where the log stands for the sealer. */
export interface SealingState {
  /** The last record's sequence (0 when empty). */
  headSequence: number;
  /** What the last checkpoint sealed up to (0 when none), and when. */
  sealedThrough: number;
  lastSealedAt: Date | null;
  /**
   * Whether anything but checkpoint-sealed records came after sealedThrough. Those come back
   * from Kafka as records of their own: sealing them alone would seal a checkpoint per checkpoint.
   */
  hasNewActivity: boolean;
  /** When the oldest unsealed record was recorded. */
  oldestUnsealedAt: Date | null;
}

/**
 * Seal when N records wait, or when the oldest unsealed one has waited T seconds; never for
 * checkpoint records alone.
 */
export function isSealDue(state: SealingState, policy: SealingPolicy, now: Date): boolean {
  if (!state.hasNewActivity || state.headSequence <= state.sealedThrough) return false;
  if (state.headSequence - state.sealedThrough >= policy.everyRecords) return true;
  const since = state.oldestUnsealedAt ?? state.lastSealedAt;
  return since !== null && now.getTime() - since.getTime() >= policy.everySeconds * 1000;
}
