import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface EligibilitySummary {
  /** Accounts with a verified link, ready to be put in a wave. */
  eligibleAccounts: number;
  bySegment: Record<string, number>;
}

/** What operators see of the accounts identity matching has linked, before planning a wave. */
@Injectable()
export class EligibilityQueries {
  constructor(private readonly dataSource: DataSource) {}

  async summary(): Promise<EligibilitySummary> {
    const rows: Array<{ segment: string; count: number }> = await this.dataSource.query(
      `SELECT segment, count(*)::int AS count FROM eligible_account GROUP BY segment ORDER BY segment`,
    );
    return {
      eligibleAccounts: rows.reduce((sum, row) => sum + row.count, 0),
      bySegment: Object.fromEntries(rows.map((row) => [row.segment, row.count])),
    };
  }
}
