import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentWorkCause } from '../../shared/work-cause';
import type { NewLinkRequestStore } from '../new-link-request-store.port';

@Injectable()
export class PgNewLinkRequestStore implements NewLinkRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async add(contactHash: Buffer, requestedAt: Date): Promise<void> {
    // Only an insert: whether the address is known is for the scheduler to find out, later. The
    // request's trace context goes with it, so that the re-issue step links back to this request.
    await this.dataSource.query(
      `INSERT INTO reissue_request (contact_hash, created_at, trace_context) VALUES ($1, $2, $3)`,
      [contactHash, requestedAt, currentWorkCause()],
    );
  }
}
