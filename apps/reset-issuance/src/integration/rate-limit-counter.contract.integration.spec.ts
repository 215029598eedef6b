import { PgRateLimitCounter } from '@rekey/rate-limits';
import { describeRateLimitCounterContract } from '@rekey/rate-limits/testing';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { RedemptionAndStepUp1767657600000 } from '../migrations/1767657600000-redemption-and-step-up';
import { UnloggedRateLimitWindows1767744000000 } from '../migrations/1767744000000-unlogged-rate-limit-windows';
import { migrations } from './issuance-fixture';

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await openScratchDataSource('reset_rate_limit_counter_contract', [
    ...migrations,
    RedemptionAndStepUp1767657600000,
    UnloggedRateLimitWindows1767744000000,
  ]));
});

afterAll(async () => {
  await dataSource?.destroy();
});

describeRateLimitCounterContract('PgRateLimitCounter on PostgreSQL', async () => {
  // The sweeping cases count every window of the table: each case starts from none.
  await dataSource.query(`TRUNCATE rate_limit_window`);
  return {
    store: new PgRateLimitCounter(dataSource),
    hitsOf: async (key, windowStart) => {
      const rows = (await dataSource.query(
        `SELECT hits FROM rate_limit_window WHERE key = $1 AND window_start = $2`,
        [key, windowStart],
      )) as Array<{ hits: number }>;
      return rows[0]?.hits ?? 0;
    },
  };
});
