import { verify, type KeyObject } from 'node:crypto';
import { bodyDigest, chainHash, GENESIS_HASH, type ChainedRecord } from '../../chain/domain/audit-record';
import { signedBytes, type SealedCheckpoint } from '../../checkpoints/domain/checkpoint';

export type ProblemKind =
  | 'altered' // the record's content no longer gives its hash
  | 'missing' // a sequence number has no record
  | 'reordered' // an intact record links to a predecessor other than the one before it
  | 'truncated' // a checkpoint seals records the log no longer has
  | 'checkpoint-root-mismatch' // the record at a checkpoint's lastSequence is not the one it sealed
  | 'checkpoint-signature' // the signature does not verify with the published key
  | 'checkpoint-range'; // a checkpoint does not start where the one before it ended

export interface VerificationProblem {
  kind: ProblemKind;
  sequence: number;
  checkpointId?: string;
  expectedHash?: string;
  actualHash?: string;
  detail: string;
}

export interface VerificationReport {
  valid: boolean;
  records: number;
  checkpoints: number;
  /** The last sequence the last checkpoint seals (0 when none). */
  sealedThrough: number;
  /** Records after the last checkpoint: chained, but not yet signed. */
  unsealedRecords: number;
  headSequence: number;
  /** The first problem by sequence, if any. */
  firstProblem: VerificationProblem | null;
  /** How many problems were found (each later one may follow from the first). */
  problems: number;
}

export interface VerificationKey {
  kid: string;
  publicKey: KeyObject;
}

const hex = (bytes: Buffer) => bytes.toString('hex');

/**
 * Walks the chain page by page in sequence order, keeping only the last hash: memory stays flat
 * however long the log. After a problem it takes the stored hash and goes on, so the report can
 * count what else is wrong; the first problem by sequence is the one to look at.
 */
export class ChainWalk {
  private expected = 1;
  private previousHash: Buffer = GENESIS_HASH;
  private records = 0;
  private readonly problems: VerificationProblem[] = [];
  private readonly sealedAt = new Map<number, SealedCheckpoint>();

  constructor(
    private readonly checkpoints: readonly SealedCheckpoint[],
    private readonly keys: readonly VerificationKey[],
  ) {
    let previousLast = 0;
    for (const checkpoint of checkpoints) {
      this.checkSignature(checkpoint);
      if (checkpoint.firstSequence !== previousLast + 1) {
        this.problem({
          kind: 'checkpoint-range',
          sequence: checkpoint.firstSequence,
          checkpointId: checkpoint.checkpointId,
          detail: `checkpoint starts at ${checkpoint.firstSequence}, the one before ended at ${previousLast}`,
        });
      }
      previousLast = checkpoint.lastSequence;
      this.sealedAt.set(checkpoint.lastSequence, checkpoint);
    }
  }

  /** One page, in ascending sequence order. */
  feed(page: readonly ChainedRecord[]): void {
    // Hashes of the page's records, to tell a moved record from an edited one.
    const pageHashes = new Map<string, number>();
    for (const record of page) pageHashes.set(hex(record.hash), record.sequence);
    for (const record of page) this.check(record, pageHashes);
  }

  finish(): VerificationReport {
    const headSequence = this.expected - 1;
    const last = this.checkpoints.at(-1);
    const sealedThrough = last?.lastSequence ?? 0;
    if (sealedThrough > headSequence) {
      this.problem({
        kind: 'truncated',
        sequence: headSequence + 1,
        checkpointId: last!.checkpointId,
        detail: `checkpoint seals records through ${sealedThrough} but the log ends at ${headSequence}`,
      });
    }
    const sorted = [...this.problems].sort((a, b) => a.sequence - b.sequence);
    return {
      valid: this.problems.length === 0,
      records: this.records,
      checkpoints: this.checkpoints.length,
      sealedThrough,
      unsealedRecords: Math.max(0, headSequence - sealedThrough),
      headSequence,
      firstProblem: sorted[0] ?? null,
      problems: this.problems.length,
    };
  }

  private check(record: ChainedRecord, pageHashes: Map<string, number>): void {
    this.records += 1;
    if (record.sequence > this.expected) {
      this.problem({
        kind: 'missing',
        sequence: this.expected,
        detail: `no record from ${this.expected} to ${record.sequence - 1}`,
      });
      // What the missing records chained is gone: take this record's word for its predecessor.
      this.previousHash = record.prevHash;
    }
    const digest = bodyDigest(record);
    const computed = chainHash(this.previousHash, digest);
    if (!computed.equals(record.hash)) {
      const linkedTo = pageHashes.get(hex(record.prevHash));
      const movedIntact =
        !record.prevHash.equals(this.previousHash) &&
        (chainHash(record.prevHash, digest).equals(record.hash) ||
          (linkedTo !== undefined && linkedTo !== record.sequence - 1));
      this.problem({
        kind: movedIntact ? 'reordered' : 'altered',
        sequence: record.sequence,
        expectedHash: hex(computed),
        actualHash: hex(record.hash),
        detail: movedIntact
          ? `record ${record.sequence} links to ${linkedTo !== undefined ? `record ${linkedTo}` : 'another record'}, not to record ${record.sequence - 1}`
          : `record ${record.sequence} does not give its stored hash: its content or its link changed`,
      });
    }
    const checkpoint = this.sealedAt.get(record.sequence);
    if (checkpoint && checkpoint.rootHash !== hex(record.hash)) {
      this.problem({
        kind: 'checkpoint-root-mismatch',
        sequence: record.sequence,
        checkpointId: checkpoint.checkpointId,
        expectedHash: checkpoint.rootHash,
        actualHash: hex(record.hash),
        detail: `checkpoint ${checkpoint.checkpointId} sealed another record ${record.sequence}`,
      });
    }
    this.previousHash = record.hash;
    this.expected = record.sequence + 1;
  }

  private checkSignature(checkpoint: SealedCheckpoint): void {
    const key = this.keys.find((candidate) => candidate.kid === checkpoint.signatureKeyId);
    const valid =
      key !== undefined &&
      verify(null, signedBytes(checkpoint), key.publicKey, Buffer.from(checkpoint.signature, 'base64url'));
    if (!valid) {
      this.problem({
        kind: 'checkpoint-signature',
        sequence: checkpoint.lastSequence,
        checkpointId: checkpoint.checkpointId,
        detail: key
          ? `checkpoint ${checkpoint.checkpointId}: the signature does not verify with key ${key.kid}`
          : `checkpoint ${checkpoint.checkpointId}: signed with key ${checkpoint.signatureKeyId}, which is not published`,
      });
    }
  }

  private problem(problem: VerificationProblem): void {
    // The count goes on; the detail of a long cascade is of no use.
    if (this.problems.length < 1_000) this.problems.push(problem);
  }
}
