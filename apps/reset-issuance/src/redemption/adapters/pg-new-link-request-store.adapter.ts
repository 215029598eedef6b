import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NewLinkRequestStore } from '../new-link-request-store.port';

@Injectable()
export class PgNewLinkRequestStore implements NewLinkRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async add(contactHash: Buffer, requestedAt: Date): Promise<void> {
    // Only an insert: whether the address is known is for the scheduler to find out, later.
    await this.dataSource.query(`INSERT INTO reissue_request (contact_hash, created_at) VALUES ($1, $2)`, [
      contactHash,
      requestedAt,
    ]);
  }
}
