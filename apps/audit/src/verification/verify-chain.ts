import { Inject, Injectable } from '@nestjs/common';
import { AuditLogReader } from '../chain/audit-log-reader';
import { CHECKPOINT_SIGNING_KEY, type CheckpointSigningKey } from '../checkpoints/signing-key';
import { ChainWalk, type VerificationReport } from './domain/chain-walk';

/** About 10,000 rows a page: big enough that round trips vanish, small enough to stay in cache. */
export const VERIFY_PAGE_SIZE = 10_000;

/**
 * Walks the whole chain by keyset pages and checks every checkpoint. The next page is fetched
 * while the current one is hashed, so the database and the CPU work side by side.
 */
@Injectable()
export class VerifyChain {
  constructor(
    private readonly reader: AuditLogReader,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
  ) {}

  async execute(pageSize = VERIFY_PAGE_SIZE): Promise<VerificationReport> {
    const walk = new ChainWalk(await this.reader.checkpoints(), [
      { kid: this.key.kid, publicKey: this.key.publicKey },
    ]);
    let page = await this.reader.page(0, pageSize);
    while (page.length > 0) {
      const next = page.length === pageSize ? this.reader.page(page.at(-1)!.sequence, pageSize) : undefined;
      walk.feed(page);
      page = next ? await next : [];
    }
    return walk.finish();
  }
}
