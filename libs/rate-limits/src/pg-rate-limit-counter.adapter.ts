import { Injectable } from '@nestjs/common';
import { queryPrepared } from '@rekey/persistence';
import { DataSource } from 'typeorm';
import type { RateLimitCounter } from './rate-limit-counter.port';

/**
 * Counters in the service's own `rate_limit_window` table (key, window_start, hits; primary key
 * (window_start, key)), which each service creates UNLOGGED in its migrations: a crash that loses
 * them only forgets a minute of counting.
 */
@Injectable()
export class PgRateLimitCounter implements RateLimitCounter {
  constructor(private readonly dataSource: DataSource) {}

  async increment(keys: string[], windowStart: Date): Promise<Map<string, number>> {
    // One upsert per key in a single statement. Keys go in sorted, so two requests sharing keys
    // lock the rows in the same order and cannot deadlock.
    const sorted = [...new Set(keys)].sort();
    const rows = await queryPrepared<{ key: string; hits: number }>(
      this.dataSource,
      `INSERT INTO rate_limit_window (key, window_start, hits)
       SELECT key, $2, 1 FROM unnest($1::text[]) WITH ORDINALITY AS keys (key, position) ORDER BY position
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_window.hits + 1
       RETURNING key, hits`,
      [sorted, windowStart],
    );
    return new Map(rows.map((row) => [row.key, row.hits]));
  }

  async deleteWindowsBefore(before: Date, limit: number): Promise<number> {
    // The primary key leads with window_start: the oldest counters are a range at its start.
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM rate_limit_window WHERE (window_start, key) IN (
         SELECT window_start, key FROM rate_limit_window WHERE window_start < $1 LIMIT $2)`,
      [before, limit],
    )) as [unknown, number];
    return deleted;
  }
}
