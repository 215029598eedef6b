import { Inject, Injectable } from '@nestjs/common';
import { AuditLogReader } from '../chain/audit-log-reader';
import { bodyDigest, bodyOf } from '../chain/domain/audit-record';
import { CHAIN_NAME } from '../checkpoints/domain/checkpoint';
import { CHECKPOINT_SIGNING_KEY, type CheckpointSigningKey } from '../checkpoints/signing-key';
import { selectionFilter, type EvidenceSelection } from './evidence-selection';

const PAGE = 10_000;

/**
 * One NDJSON document, line by line: a header, then every record from the first selected one to
 * the end of the checkpoint covering the last selected one (or the head, when it is not sealed
 * yet) — selected records in full, the others as links (sequence, prevHash, bodyDigest: no
 * content) — then the checkpoints over that range. An offline verifier recomputes the selected
 * records' digests, chains every line, and checks each checkpoint's root hash and signature.
 */
@Injectable()
export class ExportEvidence {
  constructor(
    private readonly reader: AuditLogReader,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
  ) {}

  async *execute(selection: EvidenceSelection, now = new Date()): AsyncGenerator<string> {
    const filter = selectionFilter(selection);
    const selected = new Set<number>();
    for (let after = 0; ;) {
      const page = await this.reader.page(after, PAGE, filter.where, [filter.value]);
      for (const record of page) selected.add(record.sequence);
      if (page.length < PAGE) break;
      after = page.at(-1)!.sequence;
    }
    const checkpoints = await this.reader.checkpoints();
    const first = Math.min(...selected);
    const lastSelected = Math.max(...selected);
    const covering = checkpoints.find((checkpoint) => checkpoint.lastSequence >= lastSelected);
    yield line({
      kind: 'header',
      chain: CHAIN_NAME,
      selection,
      selectedRecords: selected.size,
      exportedAt: now.toISOString(),
      signatureKeyId: this.key.kid,
      hash: 'record hash = SHA-256(prevHash || SHA-256(JCS(record))); checkpoint signature = Ed25519(JCS(checkpoint without signature))',
    });
    if (selected.size === 0) return;
    const end = covering?.lastSequence ?? Number.MAX_SAFE_INTEGER;
    for (let after = first - 1; after < end;) {
      const page = await this.reader.page(after, PAGE, 'sequence <= $3', [end]);
      for (const record of page) {
        yield selected.has(record.sequence)
          ? line({
              kind: 'record',
              prevHash: hex(record.prevHash),
              hash: hex(record.hash),
              record: bodyOf(record),
            })
          : line({
              kind: 'link',
              sequence: record.sequence,
              prevHash: hex(record.prevHash),
              bodyDigest: hex(bodyDigest(record)),
            });
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.sequence;
    }
    for (const checkpoint of checkpoints) {
      if (checkpoint.lastSequence >= first && checkpoint.firstSequence <= end) {
        yield line({ kind: 'checkpoint', ...checkpoint });
      }
    }
  }
}

const hex = (bytes: Buffer) => bytes.toString('hex');
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
