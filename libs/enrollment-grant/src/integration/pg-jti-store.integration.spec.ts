import { randomUUID } from 'node:crypto';
import { openScratchDataSource } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { ConsumedGrantJtis1767657600001 } from '../consumed-grant-jtis.migration';
import { createPgJtiStore } from '../pg-jti-store';

describe('the PostgreSQL jti store', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    ({ dataSource } = await openScratchDataSource('grant_jti', [ConsumedGrantJtis1767657600001]));
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('accepts a jti once, even when replicas present it at the same moment', async () => {
    const store = createPgJtiStore(dataSource);
    const jti = randomUUID();
    const expiresAt = new Date(Date.now() + 300_000);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.consumeJti(jti, expiresAt)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.consumeJti(jti, expiresAt)).toBe(false);
    expect(await store.consumeJti(randomUUID(), expiresAt)).toBe(true);
  });

  it('forgets only the jtis of expired grants', async () => {
    const store = createPgJtiStore(dataSource);
    const now = new Date();
    const expired = randomUUID();
    const live = randomUUID();
    await store.consumeJti(expired, new Date(now.getTime() - 1_000));
    await store.consumeJti(live, new Date(now.getTime() + 300_000));
    expect(await store.deleteExpired(now)).toBeGreaterThanOrEqual(1);
    expect(await store.consumeJti(live, new Date(now.getTime() + 300_000))).toBe(false);
  });
});
